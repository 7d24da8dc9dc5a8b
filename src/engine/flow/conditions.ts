// Evaluates a flow condition against a diagnosis. Conditions only see finding ids and the paste's
// status, so parsers can change their facts without breaking the flow.
import type { Status } from '../types';
import type { Condition } from './flowTypes';

/** What a condition can see of a paste: its status and the ids of its findings. */
export interface ConditionInput {
  status: Status;
  findingIds: readonly string[];
}

export function holds(cond: Condition, d: ConditionInput): boolean {
  if ('finding' in cond) return d.findingIds.includes(cond.finding);
  if ('findingPrefix' in cond) return d.findingIds.some((id) => id.startsWith(cond.findingPrefix));
  if ('status' in cond) return d.status === cond.status;
  if ('all' in cond) return cond.all.every((c) => holds(c, d));
  if ('any' in cond) return cond.any.some((c) => holds(c, d));
  if ('not' in cond) return !holds(cond.not, d);
  return false;
}

/** Every finding id a condition mentions (for the check that the flow only uses ids that exist). */
export function findingIdsIn(cond: Condition): string[] {
  if ('finding' in cond) return [cond.finding];
  if ('all' in cond) return cond.all.flatMap(findingIdsIn);
  if ('any' in cond) return cond.any.flatMap(findingIdsIn);
  if ('not' in cond) return findingIdsIn(cond.not);
  return [];
}
