// Nudging the support channel about a ticket nobody has claimed: every UNCLAIMED_NUDGE_MINUTES after the ticket
// was created, at most MAX_NUDGES times, so an unanswered ticket is noticed without the channel being spammed.
import { addMinutes } from './dueTimes';

export const DEFAULT_UNCLAIMED_NUDGE_MINUTES = 30;
export const DEFAULT_MAX_NUDGES = 3;

export interface NudgeSettings {
  everyMinutes: number;
  maxNudges: number;
}

/**
 * When nudge number `nudgesSent + 1` is due: createdAt + k × every, counted from creation rather than from the
 * last send, so a late send (bot restart, quiet hours) does not push every later nudge back. Null once
 * `maxNudges` have been sent, or when nudging is off (maxNudges 0). A due time in the past means "send now".
 */
export function nextNudgeDue(createdAt: Date, nudgesSent: number, everyMinutes: number, maxNudges: number): Date | null {
  if (!Number.isFinite(everyMinutes) || everyMinutes <= 0) return null;
  const sent = Math.max(0, Math.floor(nudgesSent));
  if (sent >= maxNudges) return null;
  return addMinutes(createdAt, (sent + 1) * everyMinutes);
}

// Environment values are strings; an unparsable one falls back to the default and says so, rather than
// silently disabling nudges.
function wholeNumber(name: string, text: string | undefined, fallback: number, min: number, max: number, warnings: string[]): number {
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text.trim());
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  warnings.push(`${name}="${text}" is not a whole number from ${min} to ${max}; using ${fallback}.`);
  return fallback;
}

/** Reads UNCLAIMED_NUDGE_MINUTES and MAX_NUDGES (passed in: the engine does not read the environment). MAX_NUDGES=0 turns nudges off. */
export function nudgeSettings(env: { UNCLAIMED_NUDGE_MINUTES?: string; MAX_NUDGES?: string }): NudgeSettings & { warnings: string[] } {
  const warnings: string[] = [];
  const everyMinutes = wholeNumber('UNCLAIMED_NUDGE_MINUTES', env.UNCLAIMED_NUDGE_MINUTES, DEFAULT_UNCLAIMED_NUDGE_MINUTES, 1, 7 * 24 * 60, warnings);
  const maxNudges = wholeNumber('MAX_NUDGES', env.MAX_NUDGES, DEFAULT_MAX_NUDGES, 0, 100, warnings);
  return { everyMinutes, maxNudges, warnings };
}
