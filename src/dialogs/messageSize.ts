// Teams rejects messages past roughly 28 KB (413 MessageSizeTooBig). Everything we echo back
// (pasted output, findings) goes through here and says when it was cut.

import { CARD_BUDGET_BYTES } from '../cards/fitCard';

export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Cuts `text` so it fits, on a line boundary where possible, and appends a note saying so. */
export function fitMessage(text: string, maxBytes = CARD_BUDGET_BYTES): string {
  if (byteLength(text) <= maxBytes) return text;
  const note = '\n\n… (cut to fit a Teams message; run `irm-doctor diagnose` on the file for the full report)';
  const budget = maxBytes - byteLength(note);
  let cut = Buffer.from(text, 'utf8').subarray(0, budget).toString('utf8').replace(/\uFFFD+$/, '');
  const nl = cut.lastIndexOf('\n');
  if (nl > budget / 2) cut = cut.slice(0, nl);
  // Do not leave a Markdown code fence open.
  if ((cut.match(/```/g) ?? []).length % 2 === 1) cut += '\n```';
  return cut + note;
}
