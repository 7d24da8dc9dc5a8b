// The rules name article steps in the first section's terms (seedStep "A4b", "seed step 5" in their
// text): a paste means the same whichever symptom it came with. A case on the second symptom shows
// them in its own section's terms ("B2b", "step 3"), mapped once, where the case learns the finding.
import type { Diagnosis, Finding } from '../types';
import type { BranchId, Flow } from './flowTypes';

/** This branch's label for a step given in branch A's terms; steps without a twin (P1, L0) stay as they are. */
export function stepFor(flow: Flow, branch: BranchId | null, step: string): string {
  if (branch === null || branch === 'A') return step;
  return flow.sharedSteps.find((s) => s.labels.A === step)?.labels[branch] ?? step;
}

// "step 5", "steps 5 and 8c", "seed step 4b/6", "step 8a, 8b": every number after "step(s)".
const STEP_MENTION = /\b(steps?) (\d[a-c]?(?:(?:\/| and |, | or )\d[a-c]?)*)\b/g;

/** Step numbers in a rule's text ("seed step 4b") as this branch's section numbers them ("seed step 2b"). */
export function stepTextFor(flow: Flow, branch: BranchId | null, text: string): string {
  if (branch === null || branch === 'A') return text;
  return text.replace(STEP_MENTION, (_all, word: string, numbers: string) =>
    `${word} ${numbers.replace(/\d[a-c]?/g, (n) => stepFor(flow, branch, `A${n}`).replace(/^[A-Z]/, ''))}`);
}

export function findingFor(flow: Flow, branch: BranchId | null, f: Finding): Finding {
  if (branch === null || branch === 'A') return f;
  const text = (s: string): string => stepTextFor(flow, branch, s);
  return {
    ...f,
    seedStep: f.seedStep === null ? null : stepFor(flow, branch, f.seedStep),
    summary: text(f.summary),
    ...(f.detail === undefined ? {} : { detail: text(f.detail) }),
    ...(f.fix === null ? {} : { fix: text(f.fix) }),
    ...(f.articleDiffers === undefined ? {} : { articleDiffers: text(f.articleDiffers) }),
  };
}

export function diagnosisFor(flow: Flow, branch: BranchId | null, d: Diagnosis): Diagnosis {
  if (branch === null || branch === 'A') return d;
  return { ...d, findings: d.findings.map((f) => findingFor(flow, branch, f)), next: stepTextFor(flow, branch, d.next) };
}
