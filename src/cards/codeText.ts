// Commands on cards are copied and pasted into a shell, so they must reach the clipboard exactly:
// the CodeBlock shows its text as is (Teams desktop and web), and the fallback for clients without
// CodeBlock is a RichTextBlock TextRun, which no renderer reads as Markdown (a TextBlock fallback
// lost "#" comment markers and the backslash in "S-1-5-18\*", and with it the "\*" that keeps
// Remove-Item from deleting the folder itself). What is left to do here is the placeholders.
import { cardPlaceholders, hasPlaceholder } from './cardPlaceholders';

/** Said above command lines that still hold a placeholder; they are commented out below it. */
export const PLACEHOLDER_NOTE = '# Put your own value in place of each [...] below, then run the line without the "# " in front:';

function isComment(line: string): boolean {
  return /^\s*#/.test(line);
}

/**
 * The text of a CodeBlock and of its fallback. Placeholders take the card notation ([connector-fqdn]);
 * a command line that still holds one is commented out, with a note above it, so pasting the block
 * unchanged can never run a command with a placeholder in it (in quotes, "<port>" or "[port]" is
 * just text to PowerShell and reg.exe, and would be written to the registry as it is).
 */
export function codeText(code: string): string {
  const lines = code
    .replace(/\r\n?/g, '\n')
    // Control characters (other than tab and line feed) are invisible on a card and break a paste.
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .split('\n');
  const out: string[] = [];
  let guarding = false;
  for (const line of lines) {
    const guard = !isComment(line) && hasPlaceholder(line);
    if (guard && !guarding) out.push(PLACEHOLDER_NOTE);
    out.push(guard ? `# ${cardPlaceholders(line)}` : cardPlaceholders(line));
    guarding = guard;
  }
  return out.join('\n');
}
