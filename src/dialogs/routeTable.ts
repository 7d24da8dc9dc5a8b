// Every turn goes down this one list, top to bottom, and the first row whose `when` holds answers
// it. The order is the behaviour: a ticket button before anything else; `forget me` before the
// conversation's record is read (it must not create one); a draft's `send` / `cancel` before the
// commands of the same words; a command before the helpdesk's question takes the message; the
// current case's step before the rows for a message outside a case. A row's `run` may answer 'pass'
// when, having looked, the turn is not its own (its case is closed, the question was withdrawn): the
// turn then goes on down the list. Each host only reads its activity into a TurnInput and calls
// routeTurn (src/bot/irmDoctorBot.ts for botbuilder).
import { commandWord, isTypedCommand, type CommandWord, type TypedCommand } from './commands';
import type { CaseConversation } from './caseConversation';
import type { ConversationRecord } from './conversationRecord';
import { runForgetMe } from './forgetMe';
import { runChannelCommand } from './helpdeskChannel';
import type { HelpdeskPort } from './ports/helpdeskPort';
import type { ForgetUser } from './ports/privacyPort';
import type { ConversationTurn } from './ports/turnPort';
import { ticketInvoke } from './ticketActions';

/** What the rows look at, all read once per turn. */
export interface RouteFacts {
  turn: ConversationTurn;
  /** The whole message as a command word ("summary", "/help", "send"), if it is one. */
  word: CommandWord | undefined;
  /** No file came with the message (a message with files is never a command). */
  noFiles: boolean;
}

/** Rows after the first that reads it also see the conversation record. */
export interface RecordFacts extends RouteFacts {
  conv: ConversationRecord;
}

export type Route =
  | { name: string; record: false; when(f: RouteFacts): boolean; run(f: RouteFacts): Promise<void> }
  | { name: string; record: true; when(f: RecordFacts): boolean; run(f: RecordFacts): Promise<void | 'pass'> };

type Action<K extends string> = Extract<NonNullable<ConversationTurn['input']['action']>, { irm: K }>;
const action = <K extends string>(f: RouteFacts, irm: K): Action<K> | undefined =>
  (f.turn.input.action?.irm === irm ? (f.turn.input.action as Action<K>) : undefined);

/** What the rows need besides the conversation: the helpdesk, and `forget me` where the host keeps data to forget. */
export interface RouteDeps {
  helpdesk: HelpdeskPort;
  forget?: ForgetUser;
}

export function routeTable(c: CaseConversation, deps: RouteDeps): readonly Route[] {
  const input = (f: RouteFacts): ConversationTurn['input'] => f.turn.input;
  return [
    { name: 'ticket card button (adaptiveCard/action invoke)', record: false,
      when: (f) => input(f).kind === 'ticket-invoke', run: (f) => ticketInvoke(f.turn, deps.helpdesk) },
    { name: 'helpdesk channel command: helpdesk here, tickets', record: false,
      when: (f) => !input(f).fromCard && f.turn.ref.conversationType === 'channel' && (f.word === 'helpdesk-here' || f.word === 'tickets'),
      run: async (f) => {
        await c.record(f.turn); // where to reach the channel later
        await runChannelCommand(f.turn, deps.helpdesk, f.word as 'helpdesk-here' | 'tickets');
      } },
    { name: 'forget me', record: false,
      when: (f) => !input(f).fromCard && f.word === 'forget-me' && deps.forget !== undefined, run: (f) => runForgetMe(f.turn, deps.forget!) },

    { name: 'files that could not be read (said, then the rest of the turn goes on)', record: true,
      when: (f) => input(f).fileErrors.length > 0, run: async (f) => { await f.turn.send(...input(f).fileErrors); return 'pass'; } },
    { name: 'a card value that is not one of ours', record: true,
      when: (f) => input(f).invalidValue === true,
      run: (f) => f.turn.send('I could not read what that button sent (it may come from an old card). Type **summary** to see where your case stands.') },
    { name: 'escalation draft: Send button', record: true,
      when: (f) => action(f, 'escalate-send') !== undefined,
      run: (f) => { const a = action(f, 'escalate-send')!; return c.escalation.send(f.turn, f.conv, a.caseId, a.note ?? '', a.severity ?? 'normal'); } },
    { name: 'escalation draft: Cancel button', record: true,
      when: (f) => action(f, 'escalate-cancel') !== undefined, run: (f) => c.escalation.cancel(f.turn, f.conv) },
    { name: 'escalation draft on screen: typed send / cancel', record: true,
      when: (f) => f.conv.mode.name === 'escalation-draft' && f.noFiles && (f.word === 'send' || f.word === 'cancel'),
      run: (f) => (f.word === 'send' && f.conv.mode.name === 'escalation-draft'
        ? c.escalation.send(f.turn, f.conv, f.conv.mode.caseId, '', 'normal')
        : c.escalation.cancel(f.turn, f.conv)) },
    { name: 'command: typed, or a command button', record: true,
      when: (f) => action(f, 'command') !== undefined || (f.noFiles && isTypedCommand(f.word)),
      run: (f) => c.command(f.turn, f.conv, action(f, 'command')?.command ?? (f.word as TypedCommand)) },
    { name: 'the helpdesk asked for information: the message goes to the ticket', record: true,
      when: (f) => f.conv.mode.name === 'awaiting-info' && !input(f).action,
      run: async (f) => ((await c.escalation.forwardInfo(f.turn, f.conv)) ? undefined : 'pass') },
    { name: 'symptom button', record: true,
      when: (f) => action(f, 'branch') !== undefined, run: (f) => c.startBranch(f.turn, f.conv, action(f, 'branch')!.branch) },
    { name: '"Remind me…" button on a fix card', record: true,
      when: (f) => action(f, 'remind') !== undefined, run: (f) => c.reminders.fromCard(f.turn, f.conv, action(f, 'remind')!) },
    { name: 'button on a delivered reminder or the reminder list', record: true,
      when: (f) => action(f, 'reminder') !== undefined,
      run: async (f) => { await c.reminders.onAction(f.turn, f.conv, action(f, 'reminder')!); } },
    { name: 'typed remind me in …', record: true,
      when: (f) => f.noFiles && !input(f).action,
      run: async (f) => ((await c.reminders.typed(f.turn, f.conv, input(f).text)) ? undefined : 'pass') },
    { name: 'a step of the current case (the generic FlowDialog)', record: true,
      when: (f) => f.conv.currentCaseId !== null,
      run: async (f) => ((await c.step(f.turn, f.conv)) === 'pass' ? 'pass' : undefined) },
    { name: 'a button of a case that has ended', record: true,
      when: (f) => input(f).action !== undefined,
      run: (f) => f.turn.send('That card belongs to a case that has ended. Type **start** to begin a new one, or **summary last** to see it.') },
    { name: 'an empty message: the welcome card', record: true,
      when: (f) => !input(f).text.trim() && input(f).files.length === 0, run: (f) => c.welcome(f.turn) },
    { name: 'typed symptom: 1 / 2, A / B or its words', record: true,
      when: (f) => f.noFiles && c.typedBranch(input(f).text) !== undefined,
      run: (f) => c.startBranch(f.turn, f.conv, c.typedBranch(input(f).text)!) },
    { name: 'a paste outside a case: diagnosed and kept', record: true,
      when: () => true, run: (f) => c.pasteOutsideFlow(f.turn, f.conv) },
  ];
}

/** Runs one turn down the table; the record is read (once) by the first row that needs it. Returns the row that answered. */
export async function routeTurn(table: readonly Route[], turn: ConversationTurn, readRecord: (turn: ConversationTurn) => Promise<ConversationRecord>): Promise<string | undefined> {
  const input = turn.input;
  const facts: RouteFacts = { turn, word: commandWord(input.text), noFiles: input.files.length === 0 };
  let withRecord: RecordFacts | undefined;
  for (const row of table) {
    if (!row.record) {
      if (!row.when(facts)) continue;
      await row.run(facts);
      return row.name;
    }
    withRecord ??= { ...facts, conv: await readRecord(turn) };
    if (!row.when(withRecord)) continue;
    if ((await row.run(withRecord)) !== 'pass') return row.name;
  }
  return undefined;
}
