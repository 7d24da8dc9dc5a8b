// One message per turn where it fits: a paste turn produces a diagnosis card, a sentence and the
// next step's card; sent as one activity they arrive together in Teams, cost one request against
// the rate limits instead of three, and answer faster. Activities are merged only while the result
// stays under the Teams message size limit.
import { CARD_BUDGET_BYTES } from '../cards/fitCard';
import type { OutboundMessage } from './outbound';

function size(a: OutboundMessage): number {
  return Buffer.byteLength(JSON.stringify(a), 'utf8');
}

export function coalesce(activities: OutboundMessage[]): OutboundMessage[] {
  const out: OutboundMessage[] = [];
  for (const a of activities) {
    const last = out[out.length - 1];
    if (last) {
      const merged: OutboundMessage = {
        type: 'message',
        ...(last.text || a.text ? { text: [last.text, a.text].filter(Boolean).join('\n\n') } : {}),
        attachments: [...(last.attachments ?? []), ...(a.attachments ?? [])],
        attachmentLayout: 'list',
      };
      if (merged.attachments!.length === 0) delete merged.attachments;
      if (size(merged) <= CARD_BUDGET_BYTES) {
        out[out.length - 1] = merged;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}
