// View data for the helpdesk: the escalation draft in 1:1, the ticket card in the helpdesk channel
// (everything already learned, so nobody asks the admin again), and the `tickets` list.
import type { CaseState, StoredPaste } from '../engine/case/caseTypes';
import type { FlowNode } from '../engine/flow/flowTypes';
import type { Person, TicketRecord } from '../engine/helpdesk/ticketTypes';
import { kindName } from '../engine/report';
import { flowText, markdownText } from './markdownText';
import { BRANCH_SYMPTOMS, bySeverity, escapeFacts, severityColor, severityLabel, statusWords, submit, utcTime, type TextColor } from './viewText';

/** The escalation's log checklist, in order (the card numbers the steps). */
export const LOG_CHECKLIST = [
  'Download RMS Analyzer (Microsoft Download Center, id 46437) to the Exchange server.',
  'Start it as a local administrator and go straight to the Logging tab.',
  'On the connector servers, start a connector trace: run DebugView as administrator (Capture > Capture Global Win32), set <trace enabled="true" … /> in %programfiles%\\Microsoft Rights Management connector\\Web Service\\web.config, and restart IIS.',
  'Start logging in RMS Analyzer, reproduce the issue, then stop logging.',
  'Stop the connector trace and set trace enabled back to "false" (restart IIS again).',
  'Attach the zip/cab RMS Analyzer created and the DebugView log to the ticket thread.',
];

export function escalationView(caseId: string, helpdeskName: string | null): object {
  return {
    intro: markdownText(`Your case and everything gathered so far (steps, answers, pasted output, findings, fixes) go to ${helpdeskName ? `the helpdesk channel "${helpdeskName}"` : 'the helpdesk channel'} as a ticket. You will be told here when someone takes it.`),
    // A numbered Markdown list, each item's own text escaped.
    checklist: LOG_CHECKLIST.map((line, i) => ({ line: `${i + 1}. ${markdownText(line)}` })),
    hint: 'Type send to send it as it is (normal severity), or cancel to go back.',
    actions: [
      submit('Send to the helpdesk', { irm: 'escalate-send', caseId }, 'positive'),
      submit('Cancel', { irm: 'escalate-cancel', caseId }),
    ],
  };
}

const STATE_WORDS: Record<TicketRecord['state'], { text: string; color: TextColor }> = {
  posting: { text: 'Being posted', color: 'default' },
  open: { text: 'Open, not claimed yet', color: 'attention' },
  claimed: { text: 'Claimed', color: 'accent' },
  'info-requested': { text: 'Waiting for information from the requester', color: 'warning' },
  resolved: { text: 'Resolved', color: 'good' },
};

const MAX_STEPS = 25;
const MAX_PASTES = 8;
const MAX_FINDINGS = 5;
const MAX_TIMELINE = 20;

/** A handful of a paste's facts as "name: value" text (scalars; lists and objects summarised). */
export function factLine(facts: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(facts)) {
    if (parts.length >= 8) break;
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') parts.push(`${k}: ${String(v).slice(0, 120)}`);
    else if (Array.isArray(v)) parts.push(`${k}: ${v.length} item${v.length === 1 ? '' : 's'}${v.length && typeof v[0] === 'string' ? ` (${(v as string[]).slice(0, 3).join(', ').slice(0, 160)})` : ''}`);
  }
  return parts.join(' · ') || 'no facts';
}

export interface TicketViewInput {
  ticket: TicketRecord;
  state: CaseState | undefined;
  pastes: StoredPaste[];
  flowNodes: FlowNode[];
  members: Person[];
}

export function ticketView(i: TicketViewInput): object {
  const t = i.ticket;
  const nodeOf = (id: string): FlowNode | undefined => i.flowNodes.find((n) => n.id === id);
  const state = STATE_WORDS[t.state];
  const steps = (i.state?.steps ?? []).slice(-MAX_STEPS).map((s, k) => ({
    id: `item-step-${k}`,
    text: flowText(`${s.seedStep} ${s.title}: ${s.via === 'answer' ? `answered "${s.answer}"` : s.via === 'paste' ? `pasted ${kindName(s.pasteKind ?? '')} (${statusWords(s.pasteStatus ?? 'ok').toLowerCase()})` : s.via === 'facts' ? 'answered by an earlier paste' : 'skipped'}`),
  }));
  // A fix was "tried" when the admin answered its fix step with something other than "it works now".
  const tried = new Set((i.state?.steps ?? []).filter((s) => s.via === 'answer' && nodeOf(s.nodeId)?.type === 'question' && (nodeOf(s.nodeId) as { command?: string }).command).map((s) => s.nodeId));
  const fixes = [
    ...[...new Map(bySeverity(i.state?.findings ?? []).filter((f) => f.fix).map((f) => [f.fix, f])).values()].slice(0, 8)
      .map((f, k) => ({ id: `item-fix-${k}`, text: flowText(`Suggested (${f.seedStep ?? 'engine'}): ${f.summary}`) })),
    ...[...tried].map((id, k) => ({ id: `item-tried-${k}`, text: flowText(`Tried at step ${nodeOf(id)?.seedStep ?? id}: ${nodeOf(id)?.title ?? id} (did not fix it)`) })),
  ];
  const pastes = i.pastes.slice(-MAX_PASTES).map((p, k) => ({
    id: `item-paste-${k}`,
    title: markdownText(`${kindName(p.diagnosis.detected)} (${statusWords(p.diagnosis.status).toLowerCase()}), ${utcTime(p.at)}`),
    facts: markdownText(factLine(p.diagnosis.facts)),
    findings: bySeverity(p.diagnosis.findings).slice(0, MAX_FINDINGS).map((f) => ({ text: flowText(`${severityLabel(f.severity)}: ${f.summary}`), color: severityColor(f.severity) })),
  }));
  const actionData = { ticketId: t.id };
  return {
    heading: markdownText(`${t.id}${t.severity === 'urgent' ? ' · URGENT' : ''}: ${t.branch ? BRANCH_SYMPTOMS[t.branch] : 'IRM connector problem'}`),
    // Names and the resolution are typed by people: escaped so they show as typed.
    stateLine: markdownText(t.state === 'claimed' && t.assignee ? `Claimed by ${t.assignee.name}` : t.state === 'resolved' ? `Resolved${t.resolution ? `: ${t.resolution}` : ''}` : state.text),
    stateColor: state.color,
    facts: escapeFacts([
      { title: 'Requester', value: t.requester.name },
      { title: 'Severity', value: t.severity === 'urgent' ? 'Urgent' : 'Normal' },
      { title: 'Assigned to', value: t.assignee?.name ?? 'nobody yet' },
      { title: 'Case', value: i.state ? `${i.state.steps.length} steps, ${i.state.findings.length} findings, ${i.state.pastes.length} outputs pasted` : t.caseId },
      ...(i.state?.context.tenantUrl ? [{ title: 'Tenant', value: i.state.context.tenantUrl }] : []),
      ...(i.state?.context.connectorUrl ? [{ title: 'Connector', value: i.state.context.connectorUrl }] : []),
      ...(i.state?.context.exchangeProduct ? [{ title: 'Exchange', value: i.state.context.exchangeProduct }] : []),
      ...(t.infoRequest ? [{ title: 'Asked', value: t.infoRequest }] : []),
      { title: 'Opened', value: utcTime(t.createdAt) },
    ]),
    note: t.note ? markdownText(`Note from ${t.requester.name}: ${t.note}`) : '',
    steps: steps.length ? steps : [{ id: 'item-step-none', text: 'No steps yet: escalated before the troubleshooting started.' }],
    pastes: pastes.length ? pastes : [{ id: 'item-paste-none', title: 'No output pasted.', facts: '', findings: [] }],
    fixes,
    timeline: t.timeline.slice(-MAX_TIMELINE).map((e, k) => ({ id: `item-event-${k}`, text: markdownText(`${utcTime(e.at)} ${e.actor.name}: ${e.action}${e.text ? ` (${e.text.slice(0, 200)})` : ''}`) })),
    canClaim: t.state !== 'resolved' && !t.assignee,
    canAct: t.state !== 'resolved',
    canReopen: t.state === 'resolved',
    members: i.members.length ? i.members.map((m) => ({ id: m.id, name: m.name })) : [{ id: t.requester.id, name: '(team members could not be listed)' }],
    actionData,
    refreshData: actionData,
    // Teams refreshes a card for everyone only in chats/channels of up to 60 members; beyond that it
    // refreshes for the users listed here (the most likely to act: the assignee first).
    refreshUserIds: i.members.length > 60 ? [...new Set([t.assignee?.id, ...i.members.map((m) => m.id)].filter((x): x is string => !!x))].slice(0, 60) : [],
  };
}

export function ticketListView(tickets: TicketRecord[]): object {
  return {
    heading: tickets.length ? `Open tickets (${tickets.length})` : 'Open tickets',
    empty: tickets.length ? '' : 'No open tickets.',
    items: tickets.slice(0, 40).map((t, k) => ({
      id: `item-${k}`,
      text: `**${markdownText(t.id)}**${markdownText(`${t.severity === 'urgent' ? ' (urgent)' : ''} · ${STATE_WORDS[t.state].text}${t.assignee ? ` · ${t.assignee.name}` : ''} · from ${t.requester.name}, ${utcTime(t.createdAt)}`)}`,
    })),
  };
}
