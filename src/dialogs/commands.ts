// Every word the bot takes as a command when it is the whole message, in one table: the typed
// commands of the 1:1 chat, the answers to an escalation draft and a paste step, `forget me`, and the
// helpdesk channel's commands. Where each one counts (a draft on screen, a paste step, a channel) is
// the route table's business (routeTable.ts); the card buttons send the same command names.

export type TypedCommand = 'start' | 'help' | 'summary' | 'summary-last' | 'restart' | 'cancel' | 'reopen' | 'escalate' | 'reminders';
export type CommandWord = TypedCommand | 'send' | 'skip' | 'forget-me' | 'helpdesk-here' | 'tickets';

const VOCABULARY: readonly (readonly [CommandWord, readonly string[]])[] = [
  ['start', ['start']],
  ['help', ['help', 'hello', 'hi', 'hey', 'menu', '?']],
  ['summary', ['summary']],
  ['summary-last', ['summary last', 'last summary']],
  ['restart', ['restart']],
  ['cancel', ['cancel']],
  ['reopen', ['reopen', 'reopen case', 'reopen the case']],
  ['escalate', ['escalate']],
  ['reminders', ['reminders', 'my reminders', 'list reminders']],
  ['send', ['send']],
  ['skip', ['skip', 'skip this step']],
  ['forget-me', ['forget me', 'delete my data']],
  ['helpdesk-here', ['helpdesk here', 'set helpdesk here', 'use this channel for the helpdesk']],
  ['tickets', ['tickets', 'open tickets']],
];

const TYPED = new Set<CommandWord>(['start', 'help', 'summary', 'summary-last', 'restart', 'cancel', 'reopen', 'escalate', 'reminders']);
const BY_PHRASE = new Map(VOCABULARY.flatMap(([word, phrases]) => phrases.map((p) => [p, word] as const)));
const LONGEST = Math.max(...[...BY_PHRASE.keys()].map((p) => p.length));

/** The command a whole message is ("Summary.", "/help", "skip this step"); undefined for anything else, a paste above all. */
export function commandWord(text: string): CommandWord | undefined {
  if (text.length > LONGEST + 8) return undefined;
  const t = text.trim().toLowerCase().replace(/^\/+/, '').replace(/[.!]+$/, '').replace(/\s+/g, ' ');
  return BY_PHRASE.get(t);
}

export function isTypedCommand(w: CommandWord | undefined): w is TypedCommand {
  return w !== undefined && TYPED.has(w);
}

/** The 1:1 chat's typed commands only (what the Teams manifest may suggest). */
export function typedCommand(text: string): TypedCommand | undefined {
  const w = commandWord(text);
  return isTypedCommand(w) ? w : undefined;
}
