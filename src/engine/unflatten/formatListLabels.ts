// Restores a flattened Format-List block: every `Name<pad> : value` starts a line again. Format-List
// pads names to one colon column, so the padding survives flattening and the label is unmistakable:
// a single word, spaces, ` : `. A run of spaces inside a value as long as the value column is a
// wrapped continuation line (PowerShell indents those to the value column): it becomes one again.
const LABEL = /(?:^|(\S) {1,8})([A-Za-z][A-Za-z0-9_.-]{1,80} {1,60}: )/g;
const COUNT = /(?:^|\s)[A-Za-z][A-Za-z0-9_.-]{1,80} {1,60}:(?= )/g;
/** Fewer labels than this on one line is ordinary text, not a flattened list (two when the line starts with one). */
const MIN_LABELS = 3;
const STARTS_WITH_LABEL = /^(?:PS [^>\n]{0,200}> {0,4}[^:\n]{0,200})?[A-Za-z][A-Za-z0-9_.-]{1,80} {1,60}: /;

const continuation = new Map<number, RegExp>();

function restoreContinuations(line: string): string {
  const colon = line.indexOf(' : ');
  if (colon === -1) return line;
  const valueColumn = colon + 3;
  if (valueColumn < 8 || valueColumn > 200 || line.indexOf(' '.repeat(valueColumn), valueColumn) === -1) return line;
  // Only runs of exactly the value column (plus the one space flattening added) are continuations.
  let re = continuation.get(valueColumn);
  if (!re) {
    re = new RegExp(`(?<! ) {${valueColumn},${valueColumn + 1}}(?=\\S)`, 'g');
    continuation.set(valueColumn, re);
  }
  return line.replace(re, `\n${' '.repeat(valueColumn)}`);
}

export function restoreLines(flat: string): string | null {
  let n = 0;
  const min = STARTS_WITH_LABEL.test(flat) ? 2 : MIN_LABELS;
  COUNT.lastIndex = 0;
  while (COUNT.exec(flat) && n < min) n++;
  if (n < min) return null;
  const lines = flat.replace(LABEL, (_m, before: string | undefined, label: string) => (before === undefined ? label : `${before}\n${label}`));
  return lines.split('\n').map(restoreContinuations).join('\n');
}
