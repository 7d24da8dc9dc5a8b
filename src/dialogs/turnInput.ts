// What one turn brought, already read from the activity: typed or pasted text, a validated card
// action, and uploaded files as text. The dialog layer never looks at raw activities.
import type { CardAction } from '../cards/cardActions';

export interface UploadedFile {
  name: string;
  text: string;
}

export interface TurnInput {
  text: string;
  action?: CardAction;
  /** A value arrived that is not one of our card actions (tampered, or from an old card format). */
  invalidValue?: boolean;
  files: UploadedFile[];
  /** Files that could not be read, each with a sentence saying why. */
  fileErrors: string[];
}

export type TypedCommand = 'start' | 'help' | 'summary' | 'summary-last' | 'restart' | 'cancel' | 'escalate' | 'reminders';

/** Typed commands are whole messages ("summary", "summary last"), so a paste is never taken for one. */
export function typedCommand(text: string): TypedCommand | undefined {
  const t = text.trim().toLowerCase().replace(/^\/+/, '').replace(/[.!]+$/, '');
  if (t === 'summary last' || t === 'last summary') return 'summary-last';
  if (['start', 'help', 'summary', 'restart', 'cancel', 'escalate', 'reminders'].includes(t)) return t as TypedCommand;
  if (t === 'my reminders' || t === 'list reminders') return 'reminders';
  if (['hello', 'hi', 'hey', 'menu', '?'].includes(t)) return 'help';
  return undefined;
}
