// The data a card button sends back (Action.Submit `data`). Every card and the dialog agree on this
// shape; anything else arriving in `activity.value` is rejected by `parseCardAction`.

export type CardAction =
  | { irm: 'branch'; branch: 'A' | 'B' }
  | { irm: 'answer'; caseId: string; nodeId: string; optionId: string }
  | { irm: 'skip'; caseId: string; nodeId: string }
  | { irm: 'command'; command: 'start' | 'help' | 'summary' | 'restart' | 'cancel' | 'escalate' };

const COMMANDS = new Set(['start', 'help', 'summary', 'restart', 'cancel', 'escalate']);
const ID = /^[A-Za-z0-9._:-]{1,100}$/;

function str(v: unknown): v is string {
  return typeof v === 'string' && ID.test(v);
}

/** Validates a submitted value; returns undefined for anything that is not one of our actions. */
export function parseCardAction(value: unknown): CardAction | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  switch (v.irm) {
    case 'branch':
      return v.branch === 'A' || v.branch === 'B' ? { irm: 'branch', branch: v.branch } : undefined;
    case 'answer':
      return str(v.caseId) && str(v.nodeId) && str(v.optionId) ? { irm: 'answer', caseId: v.caseId, nodeId: v.nodeId, optionId: v.optionId } : undefined;
    case 'skip':
      return str(v.caseId) && str(v.nodeId) ? { irm: 'skip', caseId: v.caseId, nodeId: v.nodeId } : undefined;
    case 'command':
      return typeof v.command === 'string' && COMMANDS.has(v.command) ? { irm: 'command', command: v.command as 'start' } : undefined;
    default:
      return undefined;
  }
}
