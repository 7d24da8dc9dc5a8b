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
  for (const line of text.split('\n')) {
    if (line.length > 20000) continue;
    if (line.trim() === '') {
      lastKey = null;
      continue;
    }
    const m = PROP.exec(line);
    if (m) {
      const key = m[1]!;
      if (!cur || key in cur.values) {
        cur = { values: {}, order: [] };
        records.push(cur);
      }
      cur.values[key] = (m[2] ?? '').trim();
      cur.order.push(key);
      lastKey = key;
    } else if (cur && lastKey && /^\s/.test(line)) {
      // Continuation of a wrapped value: PowerShell indents it to the value column.
      cur.values[lastKey] = `${cur.values[lastKey]} ${line.trim()}`.trim();
    } else {
      lastKey = null;
    }
  }
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
