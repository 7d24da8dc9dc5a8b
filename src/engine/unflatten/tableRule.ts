// Restores a flattened Format-Table: the rule (`---- ------ ---`) keeps one group of dashes per
// column, so the N words before it are the header (and, when they look like header pieces, the N
// before those: a wrapped header), and what follows are the rows. Enough for a table to be
// recognised as one, which is what a table's paste is good for: asking for the list view.
const RULE = /(?:^|\s)(-{2,200}(?: {1,200}-{2,200}){1,60})(?=\s|$)/;
const HEADER_WORD = /^[A-Za-z][A-Za-z0-9_.]{0,80}(?:\.\.\.|…)?$/;

export function restoreLines(flat: string): string | null {
  const m = RULE.exec(flat);
  if (!m) return null;
  const ruleStart = m.index + (m[0].length - m[1]!.length);
  const columns = m[1]!.split(/ +/).length;
  const before = flat.slice(Math.max(0, ruleStart - 20000), ruleStart).trimEnd();
  const words = before.split(/\s+/);
  if (words.length < columns || !words.slice(-columns).every((w) => HEADER_WORD.test(w))) return null;
  let headerWords = columns;
  // A wrapped header: up to two more header lines' worth of words, as long as they look like names.
  for (let i = 0; i < 2 && words.length >= headerWords + columns && words.slice(-(headerWords + columns), -headerWords).every((w) => HEADER_WORD.test(w)); i++) {
    headerWords += columns;
  }
  const lead = words.slice(0, -headerWords).join(' ');
  const header = words.slice(-headerWords).join(' ');
  const rest = flat.slice(ruleStart + m[1]!.length).trim();
  return [lead, header, m[1]!, rest].filter((s) => s !== '').join('\n');
}
