// The cards IRM Doctor sends, as Bot Framework attachments. Each card is a JSON template
// (templates/) expanded with view data built from engine types, then fitted under the Teams
// message size limit.
import type { CaseState } from '../engine/case/caseTypes';
import type { FlowNode, OutcomeNode } from '../engine/flow/flowTypes';
import type { CaseContext, Diagnosis } from '../engine/types';
import { outcomeView, summaryView } from './caseViews';
import { diagnosisView } from './diagnosisView';
import { fitCard } from './fitCard';
import { nodeView, repromptView } from './nodeView';
import { renderCard, type AdaptiveCardJson, type TemplateName } from './renderCard';
import { reminderListView, reminderView, type ReminderCardInput } from './reminderViews';
import { escalationView, ticketListView, ticketView, type TicketViewInput } from './ticketViews';
import type { TicketRecord } from '../engine/helpdesk/ticketTypes';
import type { ReminderRecord } from '../engine/reminders/reminderRecord';
import { markdownText } from './markdownText';
import { BRANCH_SYMPTOMS, submit } from './viewText';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: AdaptiveCardJson;
}

function card(template: TemplateName, data: object): CardAttachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: fitCard(renderCard(template, data)) };
}

/**
 * Escalating is possible from any card of a case: an overflow ("…") action, so it never crowds out
 * the step's own buttons.
 */
function withEscalate(a: CardAttachment): CardAttachment {
  const actions = [...(a.content.actions ?? []), { type: 'Action.Submit', title: 'Escalate to the helpdesk', mode: 'secondary', data: { irm: 'command', command: 'escalate' } }];
  return { ...a, content: { ...a.content, actions } };
}

// The welcome card never changes: render it once.
let welcome: CardAttachment | undefined;

export function welcomeCard(): CardAttachment {
  welcome ??= renderWelcome();
  return welcome;
}

function renderWelcome(): CardAttachment {
  return card('welcome', {
    branches: (['A', 'B'] as const).map((branch) => submit(BRANCH_SYMPTOMS[branch], { irm: 'branch', branch })),
    commands: [
      { title: 'start', value: 'Choose the symptom and begin (shows this card).' },
      { title: 'help', value: 'Show this card.' },
      { title: 'summary', value: 'Steps taken, facts learned, findings and fixes so far (summary last: your previous case).' },
      { title: 'restart', value: 'Begin a fresh case; the current one is kept.' },
      { title: 'cancel', value: 'Close the current case.' },
    ],
    pasteHint:
      'Paste command output at any time (Get-IRMConfiguration, Test-IRMConfiguration, the registry, the connector event log, ...) and I will diagnose it, even outside a case.',
  });
}

/** A question or paste step. (An outcome node shows its message; outcomeCard is the full card for it.) */
export function nodeCard(node: FlowNode, opts: { caseId: string; ctx: CaseContext; branchSymptom: string; stepNo?: number }): CardAttachment {
  return withEscalate(card('node', nodeView(node, opts)));
}

export function diagnosisCard(d: Diagnosis, opts: { caseId?: string; matchedStep?: boolean } = {}): CardAttachment {
  const c = card('diagnosis', diagnosisView(d, opts));
  return opts.caseId ? withEscalate(c) : c;
}

/**
 * Input the current step cannot use, with the step's command again. `opts.caseId` adds the step's
 * buttons (answers, skip) and `opts.ctx` fills the command with what the case knows.
 */
export function repromptCard(node: FlowNode | undefined, reason: string, d?: Diagnosis, opts: { caseId?: string; ctx?: CaseContext } = {}): CardAttachment {
  const c = card('reprompt', repromptView(node, reason, d, opts));
  return opts.caseId ? withEscalate(c) : c;
}

export function outcomeCard(node: OutcomeNode, state: CaseState): CardAttachment {
  return card('outcome', outcomeView(node, state));
}

export function summaryCard(state: CaseState, flowNodes: FlowNode[], opts: { title?: string } = {}): CardAttachment {
  const c = card('summary', summaryView(state, flowNodes, opts));
  return state.status === 'open' ? withEscalate(c) : c;
}

/** Delivered at a reminder's due time: the text, the case step, and "Did it work?". */
export function reminderCard(input: ReminderCardInput): CardAttachment {
  return card('reminder', reminderView(input));
}

/** `reminders`: what is pending, each with a Cancel button, times in the user's own zone. */
export function reminderListCard(reminders: ReminderRecord[], timeZone: string | null): CardAttachment {
  return card('reminders', reminderListView(reminders, timeZone));
}

/** 1:1: the escalation draft (log checklist, note, severity, Send / Cancel). */
export function escalationCard(caseId: string, helpdeskName: string | null): CardAttachment {
  return card('escalation', escalationView(caseId, helpdeskName));
}

/** The ticket in the helpdesk channel: evidence, timeline and Action.Execute buttons. */
export function ticketCard(input: TicketViewInput): CardAttachment {
  const a = card('ticket', ticketView(input));
  const refresh = a.content.refresh as { userIds?: string[] } | undefined;
  // An empty list would mean "refresh for nobody": leave it out so Teams refreshes for everyone.
  if (refresh && (!refresh.userIds || refresh.userIds.length === 0)) delete refresh.userIds;
  return a;
}

export function ticketListCard(tickets: TicketRecord[]): CardAttachment {
  return card('tickets', ticketListView(tickets));
}

/** A short card answering an Action.Execute that could not be carried out. */
export function noticeCard(title: string, text: string, color: 'attention' | 'warning' | 'good' | 'default' = 'attention'): CardAttachment {
  return card('notice', { title: markdownText(title), text: markdownText(text), color });
}
