// The typed `forget me` command (its words in src/dialogs/commands.ts): deletes what the bot keeps
// about the user (the host's ForgetUser: src/bot/storage/forgetUser.ts) and says what went. Only in the 1:1 chat: in a channel or
// group chat the cases are shared.
import type { ForgetCounts, ForgetUser } from './ports/privacyPort';
import type { ConversationTurn } from './ports/turnPort';

const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

export function forgetMeAnswer(c: ForgetCounts): string {
  const deleted = [
    n(c.cases, 'case', 'cases') + (c.pastes ? ` (with ${n(c.pastes, 'pasted output', 'pasted outputs')})` : ''),
    n(c.reminders, 'reminder', 'reminders'),
    n(c.conversations, 'conversation record', 'conversation records'),
  ];
  return `Done. I deleted what I kept about you: ${deleted.join(', ')}.` +
    (c.tickets ? ` ${n(c.tickets, 'helpdesk ticket keeps', 'helpdesk tickets keep')} only its number, status and dates.` : '') +
    ' If you write to me again, I start from scratch.';
}

export async function runForgetMe(turn: ConversationTurn, forget: ForgetUser): Promise<void> {
  const { conversationType, userId } = turn.ref;
  if ((conversationType ?? 'personal') !== 'personal' || !userId) {
    await turn.send('Type **forget me** in your 1:1 chat with IRM Doctor: here the cases are shared with others.');
    return;
  }
  await turn.send(forgetMeAnswer(await forget(userId)));
}
