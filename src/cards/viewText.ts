// Words and small pieces every card view shares: severity colours, status words, button payloads.
// One place, so the same finding or status reads the same on every card.
import type { CaseStatus } from '../engine/case/caseTypes';
import type { Diagnosis, Finding, Severity, Status } from '../engine/types';
import type { CardAction } from './cardActions';
import { markdownText } from './markdownText';

/** Adaptive Card TextBlock colours we use. */
export type TextColor = 'default' | 'attention' | 'warning' | 'good' | 'accent';

export interface ActionView {
  title: string;
  style: 'default' | 'positive' | 'destructive';
  /** Typed as CardAction so a button can only ever send a payload parseCardAction accepts. */
  data: CardAction;
}

export interface FactView {
  title: string;
  value: string;
}

/** FactSet titles and values are drawn as Markdown TextBlocks: escaped so they show as given. */
export function escapeFacts(facts: readonly FactView[]): FactView[] {
  return facts.map((f) => ({ title: markdownText(f.title), value: markdownText(f.value) }));
}

/** The article's two symptoms, worded as the welcome card offers them. */
export const BRANCH_SYMPTOMS: Record<'A' | 'B', string> = {
  A: 'Users cannot use Exchange IRM features, like OWA',
  B: 'The admin cannot enable the IRM integration in Exchange',
};

export function submit(title: string, data: CardAction, style: ActionView['style'] = 'default'): ActionView {
  return { title, style, data };
}

export const SUMMARY_ACTION: ActionView = submit('Summary', { irm: 'command', command: 'summary' });

const SEVERITY: Record<Severity, { label: string; color: TextColor; rank: number }> = {
  problem: { label: 'PROBLEM', color: 'attention', rank: 0 },
  warning: { label: 'WARNING', color: 'warning', rank: 1 },
  info: { label: 'INFO', color: 'default', rank: 2 },
};

export function severityLabel(s: Severity): string {
  return SEVERITY[s].label;
}

export function severityColor(s: Severity): TextColor {
  return SEVERITY[s].color;
}

/** Problems first, then warnings, then information; the engine's order is kept within each. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY[a.f.severity].rank - SEVERITY[b.f.severity].rank || a.i - b.i)
    .map((x) => x.f);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 problems, 1 warning" (information findings are not counted: they need no action). */
export function findingCounts(findings: readonly Finding[]): string {
  const problems = findings.filter((f) => f.severity === 'problem').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (problems === 0 && warnings === 0) return findings.length === 0 ? 'none' : `no problems (${plural(findings.length, 'note')})`;
  return [problems ? plural(problems, 'problem') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
}

/** Where a finding applies: "Server EX01 · article step A4b". */
export function findingWhere(f: Finding): string {
  return [f.server ? `Server ${f.server}` : '', f.seedStep ? `article step ${f.seedStep}` : ''].filter(Boolean).join(' · ');
}

const STATUS: Record<Status, { words: string; color: TextColor }> = {
  ok: { words: 'Nothing wrong found in this output', color: 'good' },
  problem: { words: 'Problems found', color: 'attention' },
  wrong_input: { words: 'Not the output this troubleshooting needs', color: 'warning' },
  incomplete: { words: 'Not enough to judge', color: 'warning' },
};

export function statusWords(s: Status): string {
  return STATUS[s].words;
}

export function statusColor(s: Status): TextColor {
  return STATUS[s].color;
}

/** The status line of a diagnosis, with counts when there is something to fix. */
export function diagnosisStatus(d: Diagnosis): string {
  return d.status === 'problem' ? `Problems found: ${findingCounts(d.findings)}` : statusWords(d.status);
}

const CASE_STATUS: Record<CaseStatus, { words: string; color: TextColor }> = {
  open: { words: 'In progress', color: 'accent' },
  resolved: { words: 'Resolved', color: 'good' },
  'not-connector': { words: 'Not a connector issue', color: 'accent' },
  escalate: { words: 'To be escalated to Microsoft support', color: 'attention' },
  cancelled: { words: 'Cancelled', color: 'default' },
};

export function caseStatusWords(s: CaseStatus): string {
  return CASE_STATUS[s].words;
}

export function caseStatusColor(s: CaseStatus): TextColor {
  return CASE_STATUS[s].color;
}

/** "2026-05-01 14:03 UTC" from an ISO timestamp (cards cannot localise times in Teams). */
export function utcTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** Drops a trailing full stop so a phrase can be embedded in a sentence that adds its own. */
export function phrase(s: string): string {
  return s.trim().replace(/[.\s]+$/, '');
}
