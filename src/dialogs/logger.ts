// The one way the bot writes to its log: one JSON object per line, with a level, an event name, the
// turn it happened in, and only the fields given. Never message text or pasted output: callers pass
// ids, counts, statuses and error messages, and a field is cut to 300 characters, so even a mistake
// cannot put a whole paste in the log. Lives in the conversation layer so that layer and the host
// (src/bot) share it; the turn id comes from the host, which wraps each turn in inTurn().
import { AsyncLocalStorage } from 'node:async_hooks';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const MAX_FIELD = 300;
const MAX_STACK = 2000;

/** LOG_LEVEL as configured: one of the levels (any case), default info; anything else is an error naming the variable. */
export function parseLogLevel(raw: string | undefined): LogLevel {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(v)) return v as LogLevel;
  throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")`);
}

const turns = new AsyncLocalStorage<string>();
let threshold: LogLevel = 'info';
// Warnings and errors go to stderr, the rest to stdout, one line each.
let write = (level: LogLevel, line: string): void => {
  (RANK[level] >= RANK.warn ? process.stderr : process.stdout).write(`${line}\n`);
};

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** Where lines go (tests); returns the previous writer. */
export function setLogWriter(w: (level: LogLevel, line: string) => void): (level: LogLevel, line: string) => void {
  const before = write;
  write = w;
  return before;
}

/** Runs `fn` as turn `turnId`: every line logged inside it, however deep and async, carries the id. */
export function inTurn<T>(turnId: string, fn: () => T): T {
  return turns.run(turnId, fn);
}

function cut(v: string): string {
  return v.length > MAX_FIELD ? `${v.slice(0, MAX_FIELD)}…` : v;
}

function errorFields(e: unknown): LogFields {
  if (e instanceof Error) return { error: e.message, errorType: e.name, stack: e.stack?.slice(0, MAX_STACK) };
  return e === undefined ? {} : { error: String(e) };
}

function emit(level: LogLevel, event: string, fields: LogFields = {}, err?: unknown): void {
  if (RANK[level] < RANK[threshold]) return;
  const line: Record<string, unknown> = { time: new Date().toISOString(), level, event };
  const turn = turns.getStore();
  if (turn !== undefined) line.turn = turn;
  for (const [k, v] of Object.entries({ ...fields, ...errorFields(err) })) {
    if (v !== undefined && !(k in line)) line[k] = typeof v === 'string' && k !== 'stack' ? cut(v) : v;
  }
  write(level, JSON.stringify(line));
}

export const log = {
  debug: (event: string, fields?: LogFields): void => emit('debug', event, fields),
  info: (event: string, fields?: LogFields): void => emit('info', event, fields),
  warn: (event: string, fields?: LogFields, err?: unknown): void => emit('warn', event, fields, err),
  error: (event: string, fields?: LogFields, err?: unknown): void => emit('error', event, fields, err),
};
