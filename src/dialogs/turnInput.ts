// What one turn brought, already read from the activity by the host: typed or pasted text, a
// validated card action, and uploaded files as text. The conversation never looks at raw activities.
import type { CardAction } from '../cards/cardActions';

export interface UploadedFile {
  name: string;
  text: string;
}

export interface TurnInput {
  /** 'message': typed text, a paste, files or an Action.Submit button; 'ticket-invoke': an Action.Execute on a ticket card. */
  kind: 'message' | 'ticket-invoke';
  text: string;
  action?: CardAction;
  /** A card button sent this (a value arrived, valid or not): never a channel command or `forget me`. */
  fromCard: boolean;
  /** A value arrived that is not one of our card actions (tampered, or from an old card format). */
  invalidValue?: boolean;
  files: UploadedFile[];
  /** Files that could not be read, each with a sentence saying why. */
  fileErrors: string[];
  /** In a Teams channel: which channel and team (for `helpdesk here` and ticket buttons). */
  channel?: TeamsChannel;
  /** A ticket button's invoke value, as it arrived (ticket-invoke only; checked by ticketActions.ts). */
  invokeValue?: unknown;
}

export interface TeamsChannel {
  id: string | null;
  name: string | null;
  teamId: string | null;
  teamName: string | null;
}
