// The HTTP harness of the turn benchmark. It plays Teams for a bot process: a fake Bot Connector on
// loopback receives the bot's replies, and a load generator POSTs Teams-shaped activities to the
// bot's /api/messages, N conversations in parallel, each one turn at a time. A turn's latency is the
// time from sending the POST until its HTTP response has been read: the bot sends all its replies to
// the connector before it answers, so that covers the whole turn. The connector and the load
// generator share this (the harness) process; the bot runs in its own child process. The echo bot
// and IRM Doctor go through exactly the same code here.
import * as fs from 'fs';
import * as http from 'http';
import { BotProcess } from '../test/helpers/botProcess';
import { FakeConnector } from '../test/helpers/fakeConnector';
import { membersAdded, message, visibleText } from '../test/helpers/activities';
import { fixture } from '../test/helpers/fixtures';

export interface ScriptTurn {
  /** Short label for per-kind figures: typed, command, paste-test, paste-config. */
  kind: string;
  text: string;
  /** What IRM Doctor's replies must contain at this turn (checked once, before measuring). */
  expect: RegExp;
}

/**
 * One cycle of realistic IRM Doctor turns: branch A by typed answers to a Test-IRMConfiguration
 * paste, then branch B by pastes (Test-IRMConfiguration, then Get-IRMConfiguration), each followed
 * by "summary" and "restart" so every conversation can run the cycle again and again.
 */
export function irmScript(): ScriptTurn[] {
  return [
    { kind: 'command', text: 'start', expect: /What is the problem\?/ },
    { kind: 'typed', text: '1', expect: /Outlook/ },
    { kind: 'typed', text: 'yes', expect: /One user or one piece of content\?/ },
    { kind: 'typed', text: 'no', expect: /Test-IRMConfiguration -Sender/ },
    { kind: 'paste-test', text: fixture('irm-test', 'warning-irm-disabled.txt'), expect: /Set-IRMConfiguration -InternalLicensingEnabled \$true/ },
    { kind: 'command', text: 'summary', expect: /Run Test-IRMConfiguration/ },
    { kind: 'command', text: 'restart', expect: /fresh case/ },
    { kind: 'typed', text: '2', expect: /Test-IRMConfiguration/ },
    { kind: 'paste-test', text: fixture('irm-test', 'kb2805976-use-license.txt'), expect: /Get-IRMConfiguration/ },
    { kind: 'paste-config', text: fixture('irm-configuration', 'seed-healthy.txt'), expect: /Get-WinEvent/ },
    { kind: 'command', text: 'summary', expect: /Run Test-IRMConfiguration/ },
    { kind: 'command', text: 'restart', expect: /fresh case/ },
  ];
}

export interface TurnBenchOptions {
  /** Row label, e.g. "echo bot" or "IRM Doctor (SQLite)". */
  name: string;
  /** Extra environment for the bot process (STORAGE, DATA_DIR). */
  env?: Record<string, string>;
  /** Compiled server to start instead of dist/src/bot/index.js (the echo bot). */
  entry?: string;
  /** The bot echoes: its replies are checked for the echoed text instead of IRM Doctor's answers. */
  echo?: boolean;
  turnsSequential: number;
  turnsConcurrent: number;
  concurrency: number;
  /** Unmeasured script cycles per conversation before the measured phases (JIT, caches, first cases). */
  warmupCycles: number;
  /** Cycles for the one sequential conversation, if not warmupCycles: the measured p50 comes from it. */
  warmupSequentialCycles?: number;
}

export interface PhaseFigures {
  concurrency: number;
  turns: number;
  seconds: number;
  turnsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Median latency per kind of turn (IRM Doctor's where-does-the-time-go hint). */
  p50ByKind: Record<string, number>;
  /** Replies (connector POSTs) per turn. */
  repliesPerTurn: number;
  /** CPU use over the phase, in % of one core: the bot child and the harness (connector + load). */
  botCpuPct: number | null;
  harnessCpuPct: number;
  failures: number;
}

export interface BotFigures {
  name: string;
  sequential: PhaseFigures;
  concurrent: PhaseFigures;
  idleRssMb: number | null;
  peakRssMb: number | null;
}

/** VmRSS / VmHWM of a process in MB, from /proc (Linux); null elsewhere. */
export function readRssMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | null {
  if (pid === undefined) return null;
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** User + system CPU seconds of a process, from /proc/<pid>/stat (clock ticks of 1/100 s); null elsewhere. */
function readCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (fields 14 and 15 of stat)
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A keep-alive HTTP client for /api/messages (what the Bot Connector does too); no fetch/undici overhead. */
class TurnClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly port: number) {}

  /** Posts one activity; resolves with the HTTP status once the whole response has been read. */
  post(body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: this.port,
        path: '/api/messages',
        method: 'POST',
        agent: this.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Counts what reached the fake connector and forgets it, so its log does not grow during a run. */
class ReplyTally {
  replies = 0;
  errors = 0;

  constructor(private readonly connector: FakeConnector) {}

  drain(): void {
    for (const c of this.connector.calls) {
      if (c.method !== 'POST' || !c.path.includes('/activities')) continue;
      this.replies++;
      if (typeof c.body?.text === 'string' && /something went wrong|temporarily unavailable/i.test(c.body.text)) this.errors++;
    }
    this.connector.calls.length = 0;
  }
}

/** One conversation: walks the script cycle by cycle, one turn at a time. */
class Conversation {
  private cursor = 0;

  constructor(readonly id: string, private readonly serviceUrl: string, private readonly script: ScriptTurn[]) {}

  installBody(): string {
    return JSON.stringify(membersAdded({ serviceUrl: this.serviceUrl, conversationId: this.id }));
  }

  next(): { turn: ScriptTurn; body: string } {
    const turn = this.script[this.cursor % this.script.length]!;
    this.cursor++;
    return { turn, body: JSON.stringify(message({ serviceUrl: this.serviceUrl, conversationId: this.id, text: turn.text })) };
  }
}

export class TurnHarness {
  private readonly connector = new FakeConnector();
  private readonly tally = new ReplyTally(this.connector);
  private readonly script = irmScript();
  private bot: BotProcess | null = null;
  private client: TurnClient | null = null;

  constructor(private readonly opts: TurnBenchOptions) {}

  async run(): Promise<BotFigures> {
    await this.start();
    try {
      await this.warm();
      await sleep(1000);
      const idleRssMb = readRssMb(this.bot!.pid, 'VmRSS');
      const sequential = await this.phase(this.seq, this.opts.turnsSequential);
      const concurrent = await this.phase(this.par, this.opts.turnsConcurrent);
      const peakRssMb = readRssMb(this.bot!.pid, 'VmHWM');
      return { name: this.opts.name, sequential, concurrent, idleRssMb, peakRssMb };
    } finally {
      await this.stop();
    }
  }

  private seq: Conversation[] = [];
  private par: Conversation[] = [];

  /** Starts the fake connector and the bot process. */
  async start(): Promise<void> {
    await this.connector.start();
    this.bot = new BotProcess({ ...(this.opts.env ?? {}) }, this.opts.entry ? { entry: this.opts.entry } : {});
    await this.bot.start(30000);
    this.client = new TurnClient(this.bot.port);
    this.seq = [new Conversation(`a:bench-seq-${process.pid}`, this.connector.url, this.script)];
    this.par = Array.from({ length: this.opts.concurrency }, (_, i) => new Conversation(`a:bench-par-${i}-${process.pid}`, this.connector.url, this.script));
  }

  async stop(): Promise<void> {
    this.client?.close();
    await this.bot?.stop();
    await this.connector.stop();
  }

  /**
   * Warm-up, unmeasured: install every conversation, check one cycle's replies turn by turn, then
   * run more cycles in parallel so the JIT, the store and the caches have settled.
   */
  async warm(): Promise<void> {
    const { concurrency } = this.opts;
    for (const c of [...this.seq, ...this.par]) await this.turn(c.installBody());
    await this.checkOneCycle(this.seq[0]!);
    await this.drive(this.par, concurrency * this.script.length * this.opts.warmupCycles, null);
    await this.drive(this.seq, this.script.length * (this.opts.warmupSequentialCycles ?? this.opts.warmupCycles), null);
    this.tally.drain();
  }

  /** Latencies (ms) of `turns` sequential turns in one conversation. */
  async sequentialLatencies(turns: number): Promise<number[]> {
    const record = { latencies: new Float64Array(turns), kinds: new Array<string>(turns) };
    await this.drive(this.seq, turns, record);
    this.tally.drain();
    return Array.from(record.latencies);
  }

  private async turn(body: string): Promise<void> {
    const status = await this.client!.post(body);
    if (status < 200 || status >= 300) throw new Error(`${this.opts.name}: HTTP ${status} from /api/messages`);
  }

  /** Runs one script cycle on a fresh conversation and checks every turn's replies. */
  private async checkOneCycle(conv: Conversation): Promise<void> {
    this.tally.drain();
    for (let i = 0; i < this.script.length; i++) {
      const { turn, body } = conv.next();
      await this.turn(body);
      const text = this.connector.activities(conv.id).map(visibleText).join('\n');
      const ok = this.opts.echo ? text.includes(`Echo: ${turn.text.slice(0, 50)}`) : turn.expect.test(text);
      if (!ok) throw new Error(`${this.opts.name}: turn ${i + 1} (${JSON.stringify(turn.text.slice(0, 40))}) did not get the expected reply ${turn.expect}; got:\n${text.slice(0, 2000)}`);
      this.connector.calls.length = 0;
    }
  }

  /** `turns` turns over the conversations, each conversation sequential, all of them in parallel. */
  private async drive(convs: Conversation[], turns: number, record: { latencies: Float64Array; kinds: string[] } | null): Promise<void> {
    let issued = 0;
    let failed: Error | null = null;
    const worker = async (conv: Conversation): Promise<void> => {
      while (issued < turns && !failed) {
        const slot = issued++;
        const { turn, body } = conv.next();
        const t0 = process.hrtime.bigint();
        try {
          await this.turn(body);
        } catch (e) {
          failed = e as Error;
          return;
        }
        if (record) {
          record.latencies[slot] = Number(process.hrtime.bigint() - t0) / 1e6;
          record.kinds[slot] = turn.kind;
        }
        if (this.connector.calls.length > 1000) this.tally.drain();
      }
    };
    await Promise.all(convs.map(worker));
    if (failed) throw failed;
  }

  private async phase(convs: Conversation[], turns: number): Promise<PhaseFigures> {
    this.tally.drain();
    this.tally.replies = 0;
    this.tally.errors = 0;
    const record = { latencies: new Float64Array(turns), kinds: new Array<string>(turns) };
    const pid = this.bot!.pid;
    const botCpu0 = readCpuSeconds(pid);
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await this.drive(convs, turns, record);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const botCpu1 = readCpuSeconds(pid);
    this.tally.drain();

    const sorted = Array.from(record.latencies).sort((a, b) => a - b);
    const byKind = new Map<string, number[]>();
    record.kinds.forEach((k, i) => {
      const list = byKind.get(k) ?? [];
      list.push(record.latencies[i]!);
      byKind.set(k, list);
    });
    const p50ByKind: Record<string, number> = {};
    for (const [k, list] of byKind) p50ByKind[k] = percentile(list.sort((a, b) => a - b), 50);
    return {
      concurrency: convs.length,
      turns,
      seconds,
      turnsPerSec: turns / seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      p50ByKind,
      repliesPerTurn: this.tally.replies / turns,
      botCpuPct: botCpu0 !== null && botCpu1 !== null ? ((botCpu1 - botCpu0) / seconds) * 100 : null,
      harnessCpuPct: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
      failures: this.tally.errors,
    };
  }
}

export function runTurnBench(opts: TurnBenchOptions): Promise<BotFigures> {
  return new TurnHarness(opts).run();
}

export interface InterleavedP50 {
  rounds: number;
  turnsPerRound: number;
  baselineP50Ms: number;
  subjectP50Ms: number;
  ratio: number;
}

/**
 * p50 of two bots measured side by side: both running at once, batches of sequential turns
 * alternating between them, so a noisy neighbour slows both alike instead of whichever ran later.
 */
export async function interleavedP50(baseline: TurnBenchOptions, subject: TurnBenchOptions, rounds: number, turnsPerRound: number): Promise<InterleavedP50> {
  const a = new TurnHarness(baseline);
  const b = new TurnHarness(subject);
  try {
    await a.start();
    await b.start();
    await a.warm();
    await b.warm();
    const la: number[] = [];
    const lb: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, too.
      if (r % 2 === 0) {
        la.push(...(await a.sequentialLatencies(turnsPerRound)));
        lb.push(...(await b.sequentialLatencies(turnsPerRound)));
      } else {
        lb.push(...(await b.sequentialLatencies(turnsPerRound)));
        la.push(...(await a.sequentialLatencies(turnsPerRound)));
      }
    }
    const pa = percentile(la.sort((x, y) => x - y), 50);
    const pb = percentile(lb.sort((x, y) => x - y), 50);
    return { rounds, turnsPerRound, baselineP50Ms: pa, subjectP50Ms: pb, ratio: pb / pa };
  } finally {
    await a.stop();
    await b.stop();
  }
}
