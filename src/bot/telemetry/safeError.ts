// An exception as telemetry may see it: the error's class, a code like ECONNREFUSED, and the stack
// frames (file and line of our code). Not the message: messages carry URLs, server names and
// sometimes what the user sent (a parse error quoting its input).

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;

export function safeError(e: unknown): Error {
  const err = e instanceof Error ? e : new Error('non-Error thrown');
  const name = CODE.test(err.name) ? err.name : 'Error';
  const rawCode = (err as { code?: unknown }).code;
  const code = typeof rawCode === 'string' && CODE.test(rawCode) ? rawCode : typeof rawCode === 'number' ? String(rawCode) : '';
  const out = new Error(code ? `${name} ${code}` : name);
  out.name = name;
  // Only the "    at fn (file:line:col)" lines: the first line of a stack repeats the message.
  const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 30)
    .map((l) => l.replace(/\((?:https?:)?\/\/[^)]*\)/g, '(<url>)'));
  out.stack = [out.message, ...frames].join('\n');
  return out;
}
