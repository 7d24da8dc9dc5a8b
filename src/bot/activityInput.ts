// Reads an inbound Teams activity into the conversation's TurnInput, for both hosts (botbuilder's
// IrmDoctorBot and the Agents SDK's AgentsBot): the same fields, read the same way, whichever SDK
// parsed the request. The host supplies the text with its own mention removal (inboundText.ts).
import { parseCardAction } from '../cards/cardActions';
import type { TeamsChannel, TurnInput } from '../dialogs/turnInput';
import { readUploads } from './fileUploads';
import { log } from '../dialogs/logger';
import { storeFailureIn } from './storage/storeFailure';
import { NO_TELEMETRY, type Telemetry } from './telemetry/telemetry';

/** The parts of an activity (either SDK's) this reads. */
export interface InboundActivity {
  value?: unknown;
  /** On a card click: the message the card was on (so a one-shot card can be replaced). */
  replyToId?: string;
  from?: { aadObjectId?: string };
  attachments?: { contentType: string; content?: unknown; name?: string }[];
  conversation?: { conversationType?: string };
  channelData?: unknown;
}

/** Larger pastes are read up to here: nobody's real output is this big, and a turn must answer within 15 s. */
export const MAX_PASTE_CHARS = 5 * 1024 * 1024;

export const UNAVAILABLE_TEXT = 'IRM Doctor is temporarily unavailable (its storage did not answer). Nothing you sent before was lost; please try again in a minute.';

/** The Teams channel and team a channel message or ticket button came from (channelData). */
export function channelOf(a: InboundActivity): TeamsChannel | undefined {
  const d = (a.channelData ?? {}) as { channel?: { id?: unknown; name?: unknown }; team?: { id?: unknown; name?: unknown } };
  if (!d.channel && !d.team) return undefined;
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return { id: str(d.channel?.id), name: str(d.channel?.name), teamId: str(d.team?.id), teamName: str(d.team?.name) };
}

/** A message turn's input; `notice` is what to tell the user first when the paste was cut at MAX_PASTE_CHARS. */
export async function messageInput(a: InboundActivity, fullText: string): Promise<{ input: TurnInput; notice: string | null }> {
  let text = fullText;
  let notice: string | null = null;
  if (text.length > MAX_PASTE_CHARS) {
    notice = `That message is ${(text.length / 1048576).toFixed(1)} MB; I read the first 5 MB only. ` +
      'Paste just the output of one command, or upload it as a .txt file.';
    text = text.slice(0, MAX_PASTE_CHARS);
  }
  const fromCard = a.value !== undefined;
  const action = fromCard ? parseCardAction(a.value) : undefined;
  const uploads = await readUploads(a.attachments, a.conversation?.conversationType);
  const input: TurnInput = {
    kind: 'message',
    text: action ? '' : text,
    action,
    fromCard,
    invalidValue: fromCard && !action && text === '',
    files: uploads.files,
    fileErrors: uploads.errors,
    channel: channelOf(a),
    cardMessageId: fromCard ? a.replyToId : undefined,
    senderAadObjectId: a.from?.aadObjectId?.toLowerCase(),
  };
  return { input, notice };
}

/** A ticket card button (an `adaptiveCard/action` invoke); ticketActions.ts checks its value. */
export function ticketInvokeInput(a: InboundActivity): TurnInput {
  return { kind: 'ticket-invoke', text: '', fromCard: true, files: [], fileErrors: [], channel: channelOf(a), invokeValue: a.value, senderAadObjectId: a.from?.aadObjectId?.toLowerCase() };
}

/** The invoke response when handling a ticket button failed: a sentence shown in place of the card. */
export function invokeFailure(e: unknown, telemetry: Telemetry = NO_TELEMETRY, onStoreFailure?: (e: Error) => void): { status: number; body: unknown } {
  // A library may wrap the storage failure: look inside, so /healthz hears of it and the user gets the right sentence.
  const storage = storeFailureIn(e);
  if (storage) onStoreFailure?.(storage);
  const text = storage ? UNAVAILABLE_TEXT : 'Sorry, something went wrong while updating the ticket. Nothing was changed; please try again.';
  log.error('helpdesk.invoke-failed', {}, e);
  telemetry.exception(e, { where: 'invoke' });
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}

/** Runs the turn's work; a store that does not answer becomes one sentence to the user, anything else is re-thrown. */
export async function storeGuard(say: (text: string) => Promise<unknown>, work: () => Promise<void>, onStoreFailure?: (e: Error) => void): Promise<void> {
  try {
    await work();
  } catch (e) {
    // The dialogs library wraps what a dialog throws: look inside for the storage failure.
    const storage = storeFailureIn(e);
    if (!storage) throw e;
    log.error('storage.failed', {}, storage);
    onStoreFailure?.(storage);
    await say(UNAVAILABLE_TEXT);
  }
}

/**
 * Both hosts' answer to a turn that failed (their adapters' onTurnError): logged without the message,
 * counted, and one sentence to the user; a storage failure, even wrapped by a library, gets the
 * "temporarily unavailable" sentence and is reported to /healthz.
 */
export async function answerFailedTurn(error: Error, say: (text: string) => Promise<unknown>, telemetry: Telemetry, onStoreFailure: (e: Error) => void): Promise<void> {
  const storage = storeFailureIn(error);
  if (storage) onStoreFailure(storage);
  log.error('turn.failed', { storage: storage ? true : undefined }, storage ?? error);
  telemetry.exception(error, { where: 'turn' });
  try {
    await say(storage ? UNAVAILABLE_TEXT : 'Sorry, something went wrong on my side while handling that message. Nothing you sent was lost; please try again.');
  } catch {
    // The connector itself may be the thing that failed; the log line above is all we can do.
  }
}
