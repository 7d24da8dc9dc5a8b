// The typed `forget me` command (its words in src/dialogs/commands.ts): deletes what the bot keeps
// about the user (see storage/forgetUser) and says what went. Only in the 1:1 chat: in a channel or
// group chat the cases are shared.
import type { TurnContext } from 'botbuilder';
import type { ForgetCounts } from './storage/forgetUser';

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

export async function runForgetMe(context: TurnContext, forget: (userId: string) => Promise<ForgetCounts>): Promise<void> {
  const a = context.activity;
  const type = a.conversation?.conversationType ?? 'personal';
  if (type !== 'personal' || !a.from?.id) {
    await context.sendActivity('Type **forget me** in your 1:1 chat with IRM Doctor: here the cases are shared with others.');
    return;
  }
  await context.sendActivity(forgetMeAnswer(await forget(a.from.id)));
}
