// PowerShell Format-List reader shared by the parsers whose output is one object per block:
// `Name<pad> : Value`, continuation lines indented to the value column, `{a, b...}` lists.
// Line-by-line and bounded, so it stays linear on megabyte pastes.

export interface ListRecord {
  /** Property name -> raw value text (continuation lines joined with a space). */
  values: Record<string, string>;
  /** Property names in the order they appeared. */
  order: string[];
}

const PROP = /^\s{0,16}([A-Za-z][A-Za-z0-9_.-]{0,80})\s{0,60}:(?: (.*)|)$/;

/**
 * Reads Format-List output into records. A blank line followed by a property that was already seen
 * starts a new record (some outputs put a blank line between every property, so a blank line alone
 * does not end a record).
 */
export function readFormatList(text: string): ListRecord[] {
  const records: ListRecord[] = [];
  let cur: ListRecord | null = null;
  let lastKey: string | null = null;
  // The value being read, in pieces (joined once it is complete: joining on every wrapped line
  // would copy a long value again and again), and whether it currently ends inside a URL.
  let parts: string[] = [];
  let inUrl = false;
  const flush = (): void => {
    if (cur && lastKey) cur.values[lastKey] = parts.join('').trim();
  };
  const endsInUrl = (piece: string): boolean => piece.slice(piece.lastIndexOf(' ') + 1).includes('://');
  for (const line of text.split('\n')) {
    if (line.length > 20000) continue;
    if (line.trim() === '') {
      flush();
      lastKey = null;
      continue;
    }
    const m = PROP.exec(line);
    if (m) {
      flush();
      const key = m[1]!;
      if (!cur || key in cur.values) {
        cur = { values: {}, order: [] };
        records.push(cur);
      }
      const value = (m[2] ?? '').trim();
      cur.values[key] = value;
      cur.order.push(key);
      lastKey = key;
      parts = [value];
      inUrl = endsInUrl(value);
    } else if (cur && lastKey && /^\s/.test(line)) {
      // Continuation of a wrapped value: PowerShell indents it to the value column. The console wraps
      // at a column, not at a space, so a URL cut in two is joined back without one.
      const piece = line.trim();
      parts.push(inUrl ? piece : ` ${piece}`);
      inUrl = piece.includes(' ') ? endsInUrl(piece) : inUrl || piece.includes('://');
    } else {
      flush();
      lastKey = null;
    }
  }
  flush();
  return records;
}

/** `{a, b, c...}` -> ['a','b','c'] and whether PowerShell cut the list ($FormatEnumerationLimit). */
export function readListValue(v: string): { items: string[]; truncated: boolean } {
  const s = v.trim();
  if (!s.startsWith('{')) return { items: s ? [s] : [], truncated: false };
  let body = s.slice(1, s.endsWith('}') ? -1 : undefined).trim();
  const truncated = body.endsWith('...');
  if (truncated) body = body.slice(0, -3);
  return { items: body.split(',').map((x) => x.trim()).filter((x) => x !== ''), truncated };
}
