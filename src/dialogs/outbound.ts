// What the conversation says, as plain data: a message with text and/or cards. Each host turns it
// into its own SDK's activity (src/bot for botbuilder), so this layer never imports one.
import type { CardAttachment } from '../cards/cards';

export interface OutboundMessage {
  type: 'message';
  text?: string;
  attachments?: CardAttachment[];
  /** Several cards in one message: one under the other. */
  attachmentLayout?: 'list';
}

/** A string is a plain text message. */
export type Outbound = OutboundMessage | string;

export function cardMessage(card: CardAttachment, text?: string): OutboundMessage {
  return text === undefined ? { type: 'message', attachments: [card] } : { type: 'message', text, attachments: [card] };
}

export function textMessage(text: string): OutboundMessage {
  return { type: 'message', text };
}
