// View data for one diagnosed paste (templates/diagnosis.json).
import { kindName } from '../engine/report';
import type { Diagnosis, Finding } from '../engine/types';
import { codeText } from './codeText';
import { DROPPABLE_ID_PREFIX } from './fitCard';
import { flowText, markdownText } from './markdownText';
import { SUMMARY_ACTION, bySeverity, diagnosisStatus, findingWhere, severityColor, severityLabel, statusColor, type ActionView, type TextColor } from './viewText';

export interface FindingView {
  /** Lets fitCard leave whole findings out (from the end, i.e. the least severe) when a card is too big. */
  listId: string;
  label: string;
  color: TextColor;
  summary: string;
  meta: string;
  detail: string;
  articleDiffers: string;
  fix: string;
  /** Said instead of repeating a fix already shown for an earlier finding on the card. */
  sameFix: string;
}

export interface DiagnosisView {
  heading: string;
  status: string;
  statusColor: TextColor;
  stepNote: string;
  findings: FindingView[];
  more: string;
  next: string;
  actions: ActionView[];
}

/**
 * Findings shown in full on one card. A chat card is read, not searched: past this the admin gets
 * the most severe ones and a pointer to the summary (which lists them all, briefly).
 */
export const MAX_FINDINGS_ON_CARD = 15;

export function findingView(f: Finding, i: number, earlier: readonly Finding[] = []): FindingView {
  const repeated = !!f.fix && earlier.some((e) => e.fix === f.fix);
  return {
    listId: `${DROPPABLE_ID_PREFIX}finding-${i}`,
    label: severityLabel(f.severity),
    color: severityColor(f.severity),
    summary: flowText(f.summary),
    meta: markdownText(findingWhere(f)),
    detail: flowText(f.detail ?? ''),
    articleDiffers: flowText(f.articleDiffers ?? ''),
    fix: repeated || !f.fix ? '' : codeText(f.fix),
    sameFix: repeated ? 'Fix: the same commands as shown above.' : '',
  };
}

function stepNote(matchedStep: boolean | undefined, inCase: boolean): string {
  if (matchedStep === true) return 'This answers the current step.';
  if (matchedStep === false && inCase) return "This isn't the output the current step asks for. I kept what it tells me (URLs, versions, findings) for the steps that need it.";
  return '';
}

export function diagnosisView(d: Diagnosis, opts: { caseId?: string; matchedStep?: boolean }): DiagnosisView {
  const sorted = bySeverity(d.findings);
  const shown = sorted.slice(0, MAX_FINDINGS_ON_CARD);
  const rest = sorted.length - shown.length;
  return {
    heading: markdownText(`I read this as: ${kindName(d.detected)}`),
    status: markdownText(diagnosisStatus(d)),
    statusColor: statusColor(d.status),
    stepNote: stepNote(opts.matchedStep, !!opts.caseId),
    findings: shown.map((f, i) => findingView(f, i, shown.slice(0, i))),
    more:
      rest > 0
        ? `Showing the ${shown.length} most important of ${sorted.length} findings; ${rest} more not shown.${opts.caseId ? ' Type summary to list them all.' : ''}`
        : '',
    next: `**Next:** ${flowText(d.next)}`,
    actions: opts.caseId ? [SUMMARY_ACTION] : [],
  };
}
