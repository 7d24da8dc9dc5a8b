// Waiting on an event instead of sleeping: poll a condition (often a store read) until it holds or a
// deadline passes. The deadline only bounds a failure; a passing test waits exactly as long as the
// event takes.
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = await check();
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
