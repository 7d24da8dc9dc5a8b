// View data for the cards about a whole case: how it ended (templates/outcome.json) and where it
// stands (templates/summary.json).
import type { CaseState, StepRecord } from '../engine/case/caseTypes';
import type { FlowNode, OutcomeKind, OutcomeNode } from '../engine/flow/flowTypes';
import { kindName } from '../engine/report';
import type { CaseContext } from '../engine/types';
import { DROPPABLE_ID_PREFIX } from './fitCard';
import {
  BRANCH_SYMPTOMS,
  SUMMARY_ACTION,
  bySeverity,
  caseStatusColor,
  caseStatusWords,
  findingCounts,
  findingWhere,
  plural,
  severityColor,
  severityLabel,
  statusWords,
  submit,
  utcTime,
  type ActionView,
  type FactView,
  type TextColor,
} from './viewText';

export interface OutcomeView {
  heading: string;
  headingColor: TextColor;
  title: string;
  message: string;
  why: string;
  guidanceTitle: string;
  guidanceStyle: 'default' | 'emphasis';
  guidance: { text: string }[];
  recap: FactView[];
  actions: ActionView[];
}

export interface SummaryView {
  title: string;
  status: string;
  statusColor: TextColor;
  caseFacts: FactView[];
  left: string;
  steps: FactView[];
  moreSteps: string;
  learned: FactView[];
  findings: { listId: string; text: string; color: TextColor }[];
  moreFindings: string;
  fixes: { listId: string; label: string; code: string }[];
  moreFixes: string;
}

const OUTCOME_HEADING: Record<OutcomeKind, { heading: string; color: TextColor }> = {
  resolved: { heading: 'Resolved', color: 'good' },
  'not-connector': { heading: 'Not a connector issue', color: 'accent' },
  escalate: { heading: 'Escalate to Microsoft support', color: 'attention' },
};

function symptomOf(state: CaseState): string {
  return state.branch ? BRANCH_SYMPTOMS[state.branch] : 'Not chosen yet';
}

function fixCount(state: CaseState): number {
  return new Set(state.findings.filter((f) => f.fix).map((f) => f.fix)).size;
}

/** "5 (3 answers, 1 paste, 1 skipped)" */
function stepCount(steps: StepRecord[]): string {
  const n = (via: StepRecord['via']): number => steps.filter((s) => s.via === via).length;
  const parts = [
    n('answer') ? plural(n('answer'), 'answer') : '',
    n('paste') ? plural(n('paste'), 'paste') : '',
    n('facts') ? `${n('facts')} from earlier pastes` : '',
    n('skip') ? `${n('skip')} skipped` : '',
  ].filter(Boolean);
  return parts.length ? `${steps.length} (${parts.join(', ')})` : String(steps.length);
}

/**
 * What to do next for each way a case can end. Escalation follows the article's last section:
 * an RMS Analyzer trace on Exchange and a connector trace, taken together, then a ticket.
 */
function guidance(outcome: OutcomeKind, state: CaseState): { title: string; items: string[] } {
  if (outcome === 'not-connector') {
    return {
      title: 'Where to go',
      items: [
        '- The Outlook or Office client fails on its own: open a ticket with **Office support**.',
        '- The Azure Rights Management service itself fails: open a ticket with **Microsoft RMS / Azure Information Protection support**.',
      ],
    };
  }
  if (outcome === 'escalate') {
    const collected = state.steps.some((s) => s.seedStep === 'L7');
    return {
      title: collected ? 'Attach the logs you collected, then escalate' : 'Collect the logs, then escalate',
      items: collected
        ? ['Attach the RMS Analyzer zip/cab, the DebugView log of each connector node, and the command outputs from this conversation to the ticket.']
        : [
            '1. **RMS Analyzer** on the failing Exchange server (run as administrator): Logging tab, start logging, reproduce the problem, stop logging.',
            '2. At the same time, a **connector trace** on each connector node: DebugView (Capture Global Win32) with tracing enabled in the connector web.config; turn tracing off afterwards.',
            '3. Open a support ticket for the Azure RMS connector and attach both traces and the command outputs from this conversation.',
          ],
    };
  }
  return { title: '', items: [] };
}

export function outcomeView(node: OutcomeNode, state: CaseState): OutcomeView {
  const g = guidance(node.outcome, state);
  // At the end of the steps, escalating to the helpdesk is the next move.
  const actions = [
    ...(node.outcome === 'escalate' ? [submit('Escalate to the helpdesk', { irm: 'command', command: 'escalate' }, 'positive')] : []),
    SUMMARY_ACTION,
    // Closed on the admin's answer: if it was not fixed after all, take the case up again where it closed.
    ...(node.outcome === 'escalate' ? [] : [submit('Reopen this case', { irm: 'command', command: 'reopen' })]),
    submit('Start a new case', { irm: 'command', command: 'start' }),
  ];
  return {
    heading: OUTCOME_HEADING[node.outcome].heading,
    headingColor: OUTCOME_HEADING[node.outcome].color,
    title: node.title,
    message: node.message,
    why: node.why,
    guidanceTitle: g.title,
    guidanceStyle: 'emphasis',
    guidance: g.items.map((text) => ({ text })),
    recap: [
      { title: 'Symptom', value: symptomOf(state) },
      { title: 'Steps taken', value: stepCount(state.steps) },
      { title: 'Findings', value: findingCounts(state.findings) },
      { title: 'Fixes suggested', value: String(fixCount(state)) },
      { title: 'Case', value: state.id },
    ],
    actions,
  };
}

/** Lists on the summary card; past these the card points at what was left out. */
const MAX_STEPS = 40;
const MAX_FINDINGS = 30;
const MAX_FIXES = 10;

function stepValue(s: StepRecord): string {
  const kind = s.pasteKind ? kindName(s.pasteKind) : 'output';
  const status = s.pasteStatus ? ` (${statusWords(s.pasteStatus).toLowerCase()})` : '';
  switch (s.via) {
    case 'answer':
      return `${s.title}: answered "${s.answer ?? ''}"`;
    case 'paste':
      return `${s.title}: pasted ${kind}${status}`;
    case 'facts':
      return `${s.title}: answered by an earlier paste (${kind})`;
    case 'skip':
      return `${s.title}: skipped`;
  }
}

function learned(ctx: CaseContext): FactView[] {
  const out: FactView[] = [];
  if (ctx.tenantUrl) out.push({ title: 'Tenant URL', value: ctx.tenantUrl });
  if (ctx.connectorUrl) out.push({ title: 'Connector URL', value: ctx.connectorUrl });
  if (ctx.exchangeProduct || ctx.exchangeRegistryVersion) {
    const key = ctx.exchangeRegistryVersion ? `registry key ${ctx.exchangeRegistryVersion}` : '';
    out.push({ title: 'Exchange version', value: [ctx.exchangeProduct ?? '', ctx.exchangeProduct && key ? `(${key})` : key].filter(Boolean).join(' ') });
  }
  if (ctx.internalLicensingEnabled !== undefined) {
    out.push({ title: 'IRM enabled', value: ctx.internalLicensingEnabled ? 'Yes (InternalLicensingEnabled True)' : 'No (InternalLicensingEnabled False)' });
  }
  if (ctx.testSender) out.push({ title: 'Test mailbox', value: ctx.testSender });
  return out;
}

function left(state: CaseState, flowNodes: FlowNode[]): string {
  const node = state.nodeId ? flowNodes.find((n) => n.id === state.nodeId) : undefined;
  if (state.status === 'cancelled') return 'Nothing: the case was cancelled. Type start for a new one.';
  if (state.status !== 'open') return node ? `Nothing: the case ended with "${node.title}". ${node.type === 'outcome' ? node.message : ''}`.trim() : `Nothing: the case ended (${caseStatusWords(state.status).toLowerCase()}).`;
  if (!state.branch) return 'Choose the symptom to begin (type start).';
  if (!node) return 'The current step is no longer in the flow. Type restart to begin the branch again.';
  const todo = node.type === 'paste' ? 'run the command and paste the output' : node.type === 'question' ? node.question : node.message;
  return `Step ${node.seedStep}: ${node.title}. Next: ${todo}`;
}

export function summaryView(state: CaseState, flowNodes: FlowNode[], opts: { title?: string }): SummaryView {
  const steps = state.steps.slice(-MAX_STEPS);
  const firstNo = state.steps.length - steps.length + 1;
  const findings = bySeverity(state.findings);
  const fixes = [...new Map(findings.filter((f) => f.fix).map((f) => [f.fix!, f])).values()];
  return {
    title: opts.title ?? 'Case summary',
    status: caseStatusWords(state.status),
    statusColor: caseStatusColor(state.status),
    caseFacts: [
      { title: 'Symptom', value: symptomOf(state) },
      { title: 'Case', value: state.id },
      { title: 'Started', value: utcTime(state.createdAt) },
      { title: 'Last activity', value: utcTime(state.updatedAt) },
      { title: 'Outputs read', value: String(state.pastes.length) },
      { title: 'Findings', value: findingCounts(state.findings) },
    ],
    left: left(state, flowNodes),
    steps: steps.map((s, i) => ({ title: `${firstNo + i}. ${s.seedStep}`, value: stepValue(s) })),
    moreSteps: firstNo > 1 ? `The ${firstNo - 1} earliest steps are not shown.` : '',
    learned: learned(state.context),
    findings: findings.slice(0, MAX_FINDINGS).map((f, i) => {
      const where = findingWhere(f);
      return { listId: `${DROPPABLE_ID_PREFIX}finding-${i}`, text: `**${severityLabel(f.severity)}** ${f.summary}${where ? ` (${where})` : ''}`, color: severityColor(f.severity) };
    }),
    moreFindings: findings.length > MAX_FINDINGS ? `${findings.length - MAX_FINDINGS} more findings not shown (the least severe).` : '',
    fixes: fixes.slice(0, MAX_FIXES).map((f, i) => ({ listId: `${DROPPABLE_ID_PREFIX}fix-${i}`, label: `For: ${f.summary}${f.server ? ` (server ${f.server})` : ''}`, code: f.fix! })),
    moreFixes: fixes.length > MAX_FIXES ? `${fixes.length - MAX_FIXES} more fixes not shown; they are on the cards of the outputs you pasted.` : '',
  };
}
