// Case events, all derived from CaseService changes in this one place: started (branch chosen), each
// step left, each paste (kind, status) with its findings, and how the case ended. Only flow node
// ids, seed steps, paste kinds and finding ids are sent: catalogue values, never what was pasted.
import type { CaseChange } from '../../dialogs/caseService';
import type { CaseState } from '../../engine/case/caseTypes';
import type { Flow } from '../../engine/flow/flowTypes';
import { nodeById } from '../../engine/flow/flowGraph';
import { KIND_MODULES } from '../../engine/kinds';
import type { Diagnosis } from '../../engine/types';
import { hashId } from './hashing';
import type { Props, Telemetry } from './telemetry';
import { log } from '../../dialogs/logger';

/** Case ids are random; hashed anyway so telemetry does not hand out keys to the store. */
export const caseKey = (caseId: string): string => hashId(caseId, 'case');

/** Every finding id the engine can emit ("registry.activation-missing", ...): only these are sent. */
const CATALOGUE = new Set(KIND_MODULES.flatMap((m) => m.findingIds));

export function findingIds(d: Diagnosis): string[] {
  return [...new Set(d.findings.map((f) => f.id).filter((id) => CATALOGUE.has(id)))].sort();
}

function ageMinutes(s: CaseState): number {
  return Math.max(0, (Date.parse(s.updatedAt) - Date.parse(s.createdAt)) / 60000);
}

export function caseTelemetry(telemetry: Telemetry, flow: Flow): (c: CaseChange) => void {
  const seedStep = (nodeId: string | null | undefined): string => (nodeId ? nodeById(flow, nodeId)?.seedStep ?? '' : '');
  /** Where a case is: its node, the step it was at. */
  const at = (nodeId: string | null | undefined): Props => ({ nodeId: nodeId ?? '', seedStep: seedStep(nodeId) });

  return (c) => {
    try {
      const { before, after } = c;
      const base: Props = { case: caseKey(after.id), branch: after.branch ?? '' };
      if (c.left) {
        if (after.status === 'open') telemetry.event('case.abandoned', { ...base, how: 'restart', ...at(after.nodeId) }, { ageMinutes: ageMinutes(after) });
        return;
      }
      if (after.branch && before?.branch !== after.branch) telemetry.event('case.started', base);

      for (const s of after.steps.slice(before?.steps.length ?? 0)) {
        telemetry.event('case.step', { ...base, nodeId: s.nodeId, seedStep: s.seedStep, via: s.via, ...(s.pasteKind ? { pasteKind: s.pasteKind } : {}) });
      }

      const diagnoses = c.effects.flatMap((e) => (e.type === 'diagnosis' ? [{ d: e.diagnosis, matched: e.matchedStep }] : e.type === 'reprompt' && e.diagnosis ? [{ d: e.diagnosis, matched: false }] : []));
      for (const { d, matched } of diagnoses) {
        const where = at(before?.nodeId);
        telemetry.event('paste', { ...base, ...where, kind: d.detected, status: d.status, matchedStep: String(matched) }, { diagnoseMs: c.ms / diagnoses.length });
        const ids = findingIds(d);
        if (ids.length > 0) telemetry.event('finding', { ...base, ...where, kind: d.detected, ids: ids.join(',') }, { count: d.findings.length });
      }

      if (before?.status === 'open' && after.status !== 'open') {
        // Where it ended: the step whose answer or paste closed it (an outcome node is named after it).
        const last = after.steps[after.steps.length - 1];
        const end = after.status === 'cancelled' ? at(after.nodeId) : last ? { nodeId: last.nodeId, seedStep: last.seedStep } : at(after.nodeId);
        const m = { ageMinutes: ageMinutes(after) };
        if (after.status === 'resolved') telemetry.event('case.resolved', { ...base, ...end }, m);
        else if (after.status === 'cancelled') telemetry.event('case.abandoned', { ...base, how: 'cancel', ...end }, m);
        else if (after.status === 'escalate') telemetry.event('case.escalated', { ...base, via: 'flow', ...end }, m);
        else telemetry.event('case.outcome', { ...base, outcome: after.status, ...end }, m);
      }
    } catch (e) {
      log.warn('telemetry.case-event-failed', {}, e);
    }
  };
}
