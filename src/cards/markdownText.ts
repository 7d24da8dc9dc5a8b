// TextBlock text (and FactSet titles and values, which renderers draw as TextBlocks) is Markdown in
// every Teams client: "**x**" turns bold, "# x" a heading, "- x" a list item, "\*" a plain "*",
// "<x>" an HTML tag that is dropped. Text from data (the flow, engine findings with pasted values,
// ticket notes and request-info text typed by engineers, names, reminder text) must show as it was
// written, so it goes through markdownText before it reaches a card. Backslash escapes are the one
// Markdown feature every CommonMark renderer honours for all ASCII punctuation, so they are used
// for each construct that would otherwise change the text; nothing else is touched.
import { cardPlaceholders } from './cardPlaceholders';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Emphasis, code spans, strikethrough, links/images and inline HTML/autolinks: escaped anywhere. */
const INLINE = new Set(['*', '`', '~', '[', ']', '<']);
const ALNUM = /[\p{L}\p{N}]/u;

function escapeInline(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const next = line[i + 1];
    if (c === '\\') {
      // A backslash escapes the punctuation after it ("S-1-5-18\*" would show "S-1-5-18*") and a
      // backslash at the end of a line is a hard line break: double it in both cases only.
      out += next === undefined || ASCII_PUNCTUATION.test(next) ? '\\\\' : '\\';
    } else if (INLINE.has(c)) {
      out += `\\${c}`;
    } else if (c === '_') {
      // "_" between letters or digits never opens or closes emphasis (MSDRM_x, snake_case).
      out += ALNUM.test(line[i - 1] ?? '') && ALNUM.test(next ?? '') ? '_' : '\\_';
    } else if (c === '&' && /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.test(line.slice(i))) {
      out += '\\&'; // "&lt;" would show as "<"
    } else {
      out += c;
    }
  }
  return out;
}

/** Block syntax only counts at the start of a line (after its indentation). */
function escapeLineStart(line: string): string {
  const m = /^(\s*)(.*)$/s.exec(line)!;
  const [, indent, rest] = m as unknown as [string, string, string];
  // Headings (#), block quotes (>), bullet items ("- ", "+ "), thematic breaks and setext
  // underlines (---, ===). "*" and "_" are already escaped inline.
  if (/^(#|>|[-+](\s|$)|=+\s*$|-+\s*$)/.test(rest)) return `${indent}\\${rest}`;
  // Ordered list items: "1. x", "2) x".
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(rest);
  if (ordered) return `${indent}${ordered[1]}\\${rest.slice(ordered[1]!.length)}`;
  return line;
}

/** Text written by people or pasted by them: shown exactly as given in a TextBlock or FactSet. */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeLineStart(escapeInline(line)))
    .join('\n');
}

/** The flow's and the engine's own prose: placeholders in the card notation, then escaped. */
export function flowText(text: string): string {
  return markdownText(cardPlaceholders(text));
}

/**
 * Pasted output shown as a code block in a chat message. The fence is longer than any run of
 * backticks inside, so output that holds ``` itself cannot end the block early and turn the rest
 * into formatted text.
 */
export function codeFence(text: string): string {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text.charCodeAt(i) === 96 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}
