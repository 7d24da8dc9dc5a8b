// A flattened console session keeps its prompts in the middle of the text ("... True PS C:\> reg
// query ..."): each prompt starts a new line, so the prompt's command and the output before it are
// never read as one line. The command stays glued to what follows; the shape restorers split it off.
const MID_PROMPT = /(\S) {1,4}(?=(?:\[PS\] {0,4}[A-Za-z]:\\[^>\n]{0,200}>|PS {1,4}[A-Za-z]:\\[^>\n]{0,200}>))/g;

export function splitPrompts(flat: string): string {
  return flat.indexOf('>') === -1 ? flat : flat.replace(MID_PROMPT, '$1\n');
}
