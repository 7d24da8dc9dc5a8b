// Puts back the line breaks of a flattened paste (Teams on some clients, the Agents Playground, mail
// and ticket systems turn every newline into one space). Each restorer knows one shape and returns
// null when the text is not that shape; the first that recognises a piece restores it. Prompts are
// split first, so a prompt and its output on one line never lose the output.
import { restoreLines as eventText } from './eventText';
import { restoreLines as registryPaths } from './registryPaths';
import { restoreLines as irmTestLines } from './irmTestLines';
import { restoreLines as tableRule } from './tableRule';
import { restoreLines as formatListLabels } from './formatListLabels';
import { splitPrompts } from './promptSplit';

/** Most specific first: the kinds' own shapes, then the generic ones. */
const RESTORERS: readonly ((flat: string) => string | null)[] = [eventText, registryPaths, irmTestLines, tableRule, formatListLabels];

/** A line this long with no break in it is worth a look; real console lines are rarely longer. */
export const FLAT_LINE = 160;

function restorePiece(piece: string): string {
  for (const restore of RESTORERS) {
    const out = restore(piece);
    if (out !== null) return out;
  }
  return piece;
}

/** Restores the long lines of `text` that are flattened output; other lines are returned unchanged. */
export function restoreFlattened(text: string, minLength = FLAT_LINE): string {
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length < minLength) continue;
    const restored = splitPrompts(line).split('\n').map(restorePiece).join('\n');
    if (restored !== line) {
      lines[i] = restored;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : text;
}
