// Turns the case machine's effects into messages (cards and short texts), in order.
import type { CaseEffect, CaseState } from '../engine/case/caseTypes';
import type { Flow } from '../engine/flow/flowTypes';
import { nodeById } from '../engine/flow/flowGraph';
import { diagnosisCard, nodeCard, outcomeCard, repromptCard } from '../cards/cards';
import { coalesce } from './coalesce';
import { cardMessage, textMessage, type OutboundMessage } from './outbound';

export function renderEffects(flow: Flow, state: CaseState, effects: CaseEffect[]): OutboundMessage[] {
  const out: OutboundMessage[] = [];
  const branch = flow.branches.find((b) => b.id === state.branch);
  for (const e of effects) {
    switch (e.type) {
      case 'diagnosis':
        out.push(cardMessage(diagnosisCard(e.diagnosis, { caseId: state.id, matchedStep: e.matchedStep })));
        break;
      case 'moved': {
        const from = nodeById(flow, e.fromNodeId);
        if (e.via === 'facts' && from) {
          out.push(textMessage(`Step ${from.seedStep} (${from.title}) is already answered by what you pasted earlier${e.say ? `: ${e.say}` : '.'}`));
        } else if (e.say) out.push(textMessage(e.say));
        break;
      }
      case 'show-node': {
        const node = nodeById(flow, e.nodeId);
        if (node && node.type !== 'outcome') {
          out.push(cardMessage(nodeCard(node, { caseId: state.id, ctx: state.context, branchSymptom: branch?.symptom ?? '' })));
        }
        break;
      }
      case 'reprompt':
        out.push(cardMessage(repromptCard(nodeById(flow, e.nodeId), e.reason, e.diagnosis, { caseId: state.id, ctx: state.context })));
        break;
      case 'outcome': {
        const node = nodeById(flow, e.nodeId);
        if (node && node.type === 'outcome') out.push(cardMessage(outcomeCard(node, state)));
        break;
      }
      case 'notice':
        out.push(textMessage(e.text));
        break;
    }
  }
  return coalesce(out);
}
