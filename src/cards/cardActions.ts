// The data a card button sends back (Action.Submit `data`). Every card and the dialog agree on this
// shape; anything else arriving in `activity.value` is rejected by `parseCardAction`.

export type CardAction =
  | { irm: 'branch'; branch: 'A' | 'B' }
  | { irm: 'answer'; caseId: string; nodeId: string; optionId: string }
  | { irm: 'skip'; caseId: string; nodeId: string }
  | { irm: 'command'; command: 'start' | 'help' | 'summary' | 'restart' | 'cancel' | 'reopen' | 'escalate' | 'reminders' }
  /** "Remind me" on a fix card; `minutes` comes from the card's number input for the custom choice. */
  | { irm: 'remind'; caseId: string; nodeId: string; preset: RemindPreset; minutes?: number }
  /** A button on a delivered reminder (or in the `reminders` list). */
  | { irm: 'reminder'; reminderId: string; op: 'yes' | 'no' | 'snooze' | 'cancel'; minutes?: number }
  /** The escalation draft's Send button; note and severity come from the card's inputs. */
  | { irm: 'escalate-send'; caseId: string; note?: string; severity?: 'normal' | 'urgent' }
  | { irm: 'escalate-cancel'; caseId: string };

export type RemindPreset = '15m' | '1h' | 'tomorrow-morning' | 'custom';
const PRESETS = new Set(['15m', '1h', 'tomorrow-morning', 'custom']);
const REMINDER_OPS = new Set(['yes', 'no', 'snooze', 'cancel']);

/** Input.Number values arrive as strings; anything that is not a whole number is left out. */
function minutesOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{1,6}\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

const COMMANDS = new Set(['start', 'help', 'summary', 'restart', 'cancel', 'reopen', 'escalate', 'reminders']);
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
    case 'remind': {
      if (!str(v.caseId) || !str(v.nodeId) || typeof v.preset !== 'string' || !PRESETS.has(v.preset)) return undefined;
      // The custom choice's number comes from the card's input (its own id, so an empty input can
      // never overwrite a preset's minutes when Teams merges inputs into the data).
      const minutes = minutesOf(v.minutes) ?? (v.preset === 'custom' ? minutesOf(v.customMinutes) : undefined);
      return { irm: 'remind', caseId: v.caseId, nodeId: v.nodeId, preset: v.preset as RemindPreset, ...(minutes === undefined ? {} : { minutes }) };
    }
    case 'reminder': {
      if (!str(v.reminderId) || typeof v.op !== 'string' || !REMINDER_OPS.has(v.op)) return undefined;
      const minutes = minutesOf(v.minutes);
      return { irm: 'reminder', reminderId: v.reminderId, op: v.op as 'yes', ...(minutes === undefined ? {} : { minutes }) };
    }
    case 'escalate-send': {
      if (!str(v.caseId)) return undefined;
      const note = typeof v.note === 'string' ? v.note.slice(0, 2000) : undefined;
      const severity = v.severity === 'urgent' || v.severity === 'normal' ? v.severity : undefined;
      return { irm: 'escalate-send', caseId: v.caseId, ...(note ? { note } : {}), ...(severity ? { severity } : {}) };
    }
    case 'escalate-cancel':
      return str(v.caseId) ? { irm: 'escalate-cancel', caseId: v.caseId } : undefined;
    default:
      return undefined;
  }
}
