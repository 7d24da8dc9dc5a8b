// Turns the case machine's effects into Teams activities (cards and short texts), in order.
import type { Activity } from 'botbuilder';
import type { CaseEffect, CaseState } from '../engine/case/caseTypes';
import type { Flow } from '../engine/flow/flowTypes';
import { nodeById } from '../engine/flow/flowGraph';
import { diagnosisCard, nodeCard, outcomeCard, repromptCard } from '../cards/cards';
import { coalesce } from './coalesce';

function cardActivity(attachment: { contentType: string; content: unknown }): Partial<Activity> {
  return { type: 'message', attachments: [attachment] };
}

export function renderEffects(flow: Flow, state: CaseState, effects: CaseEffect[]): Partial<Activity>[] {
  const out: Partial<Activity>[] = [];
  const branch = flow.branches.find((b) => b.id === state.branch);
  for (const e of effects) {
    switch (e.type) {
      case 'diagnosis':
        out.push(cardActivity(diagnosisCard(e.diagnosis, { caseId: state.id, matchedStep: e.matchedStep })));
        break;
      case 'moved': {
        const from = nodeById(flow, e.fromNodeId);
        if (e.via === 'facts' && from) {
          out.push({ type: 'message', text: `Step ${from.seedStep} (${from.title}) is already answered by what you pasted earlier${e.say ? `: ${e.say}` : '.'}` });
        } else if (e.say) out.push({ type: 'message', text: e.say });
        break;
      }
      case 'show-node': {
        const node = nodeById(flow, e.nodeId);
        if (node && node.type !== 'outcome') {
          out.push(cardActivity(nodeCard(node, { caseId: state.id, ctx: state.context, branchSymptom: branch?.symptom ?? '' })));
        }
        break;
      }
      case 'reprompt':
        out.push(cardActivity(repromptCard(nodeById(flow, e.nodeId), e.reason, e.diagnosis, { caseId: state.id, ctx: state.context })));
        break;
      case 'outcome': {
        const node = nodeById(flow, e.nodeId);
        if (node && node.type === 'outcome') out.push(cardActivity(outcomeCard(node, state)));
        break;
      }
      case 'notice':
        out.push({ type: 'message', text: e.text });
        break;
    }
  }
  return coalesce(out);
}
