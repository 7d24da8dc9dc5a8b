// In-process conversation transcripts, in the style of BotBuilder-Samples' 13.core-bot tests: the
// real bot handler (IrmDoctorBot on the real conversation, a memory store) driven through botbuilder's
// TestAdapter, one Teams 1:1 chat per transcript. A transcript is a table of [what the user does,
// what the replies of that turn must show]. No HTTP and no timers: each turn has finished, replies
// and all, when its step is checked.
import * as assert from 'assert';
import { CloudAdapter, TestAdapter, type Activity } from 'botbuilder';
import { FLOW } from '../../src/engine/flow/loadFlow';
import { assembleBot, type AssembledBot } from '../../src/bot/botAssembly';
import { irmDoctorBot, type IrmDoctorBot } from '../../src/bot/irmDoctorBot';
import { botbuilderTransport } from '../../src/bot/proactive/botbuilderTransport';
import type { ReminderConfig } from '../../src/bot/reminders/reminderConfig';
import { MemoryRecordStore } from '../../src/bot/storage/memoryRecordStore';
import { submitsIn } from './chatDriver';
import { visibleText } from './activities';

/** Typed text or a paste; a button to click on the newest card that has one; a raw card value; the bot added to the chat. */
export type UserStep = string | { click: RegExp } | { value: Record<string, unknown> } | { install: true };
/** Every pattern must match the visible text of the turn's replies; `not` must not. */
export type Expect = RegExp | { all: RegExp[]; not?: RegExp };
export type TranscriptRow = readonly [UserStep, Expect];

const REMINDERS: ReminderConfig = { pollMs: 1000, maxSendAttempts: 3, leaseMs: 60000, instanceId: 'transcript', quietHours: null, unclaimedNudgeMinutes: 30, maxNudges: 0 };

export interface TranscriptBot extends AssembledBot<IrmDoctorBot> {
  store: MemoryRecordStore;
}

/** The bot as the server builds it, on a memory store; `helpdeskChannel` configures an escalation target. */
export function transcriptBot(opts: { helpdeskChannel?: string } = {}): TranscriptBot {
  const store = new MemoryRecordStore();
  // The adapter is only for proactive sends, which these transcripts never reach.
  const parts = assembleBot({
    proactive: botbuilderTransport(new CloudAdapter(), ''), makeBot: irmDoctorBot, store, flow: FLOW, reminderConfig: REMINDERS,
    helpdeskEnv: { channelId: opts.helpdeskChannel ?? null, teamId: opts.helpdeskChannel ? '19:helpdesk-team' : null },
  });
  return { ...parts, store };
}

export class Transcript {
  readonly adapter: TestAdapter;
  /** The replies of the previous turn. */
  last: Partial<Activity>[] = [];

  constructor(readonly bot: TranscriptBot, readonly conversationId = 'a:transcript-1') {
    this.adapter = new TestAdapter((context) => bot.bot.run(context), {
      channelId: 'msteams',
      serviceUrl: 'https://smba.invalid/emea/',
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
      from: { id: '29:alex', name: 'Alex Admin' },
      recipient: { id: '28:irm-doctor', name: 'IRM Doctor' },
      locale: 'en-US',
    });
  }

  private activityFor(step: UserStep): Partial<Activity> {
    if (typeof step === 'string') return { type: 'message', text: step };
    if ('install' in step) return { type: 'conversationUpdate', membersAdded: [{ id: '28:irm-doctor', name: 'IRM Doctor' }] };
    if ('value' in step) return { type: 'message', text: '', value: step.value };
    for (let i = this.last.length - 1; i >= 0; i--) {
      const hit = submitsIn(this.last[i] as Record<string, unknown>).find((s) => step.click.test(s.title));
      if (hit) return { type: 'message', text: '', value: hit.data };
    }
    throw new Error(`no button matching ${step.click} in the last replies:\n${this.text()}`);
  }

  /** One turn: the user's step, then every reply the bot sent in it. */
  async turn(step: UserStep): Promise<Partial<Activity>[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.receiveActivity(this.activityFor(step));
    this.last = this.adapter.activeQueue.splice(0);
    return this.last;
  }

  text(replies: Partial<Activity>[] = this.last): string {
    return replies.map((r) => visibleText(r as Record<string, unknown>)).join('\n---\n');
  }

  /** Plays the rows in order; a failure names the row and shows what the bot said. */
  async play(rows: readonly TranscriptRow[]): Promise<void> {
    for (const [i, [step, expect]] of rows.entries()) {
      await this.turn(step);
      const seen = this.text();
      const all = expect instanceof RegExp ? [expect] : expect.all;
      const label = `row ${i + 1} (${typeof step === 'string' ? JSON.stringify(step.slice(0, 60)) : JSON.stringify(step)})`;
      for (const re of all) assert.match(seen, re, `${label}: expected ${re}; the bot said:\n${seen}`);
      if (!(expect instanceof RegExp) && expect.not) assert.doesNotMatch(seen, expect.not, `${label}: the bot said:\n${seen}`);
    }
  }
}
