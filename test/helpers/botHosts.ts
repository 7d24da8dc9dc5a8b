// The HTTP end-to-end suites run once per host (BOT_HOST): botbuilder, the default, and the
// Microsoft 365 Agents SDK. Each suite is declared once and gets the host to pass to its BotProcess.
export const BOT_HOSTS = ['botbuilder', 'agents'] as const;
export type BotHost = (typeof BOT_HOSTS)[number];

/** `describe(title, fn)` once per host; `fn` gets the host, for `new BotProcess({ BOT_HOST: host, … })`. */
export function describeEachHost(title: string, fn: (this: Mocha.Suite, host: BotHost) => void): void {
  for (const host of BOT_HOSTS) {
    describe(`${title} [${host} host]`, function () {
      fn.call(this, host);
    });
  }
}
