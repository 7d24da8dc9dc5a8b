// What a due reminder becomes: a card in the conversation it was set in, naming the case step and
// asking "Did it work?" while the case is still waiting at that step.
import type { Flow } from '../../engine/flow/flowTypes';
import { nodeById } from '../../engine/flow/flowGraph';
import type { ReminderRecord } from '../../engine/reminders/reminderRecord';
import { reminderCard } from '../../cards/cards';
import type { ProactiveSender } from '../proactive/proactiveSender';
import type { CaseRepository } from '../storage/caseRepository';
import type { DeliveryResult } from './reminderScheduler';

export function followUpDelivery(repo: CaseRepository, flow: Flow, sender: ProactiveSender): (r: ReminderRecord) => Promise<DeliveryResult> {
  return async (r) => {
    const conv = await repo.getConversation(r.conversationId);
    if (!conv) {
      return { outcome: { ok: false, permanent: true, status: null, attempts: 0, error: `no stored reference for conversation ${r.conversationId}` } };
    }
    const state = r.caseId ? (await repo.getCase(r.caseId))?.value : undefined;
    const node = r.nodeId ? nodeById(flow, r.nodeId) : undefined;
    const branch = flow.branches.find((b) => b.id === state?.branch);
    const caseLine = state && node ? `${branch?.symptom ?? 'Your case'} · Step ${node.seedStep}: ${node.title}` : null;
    const stepOpen = !!state && state.status === 'open' && state.nodeId === r.nodeId && node?.type === 'question';
    const outcome = await sender.send(conv.value.ref, { type: 'message', attachments: [reminderCard({ reminder: r, caseLine, stepOpen })] });
    return { outcome };
  };
}
