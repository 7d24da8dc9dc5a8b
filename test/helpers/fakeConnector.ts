// A fake Bot Connector on loopback: the routes the real one (and the Bot Framework Emulator) serves,
// recording every call so tests assert exactly what reached "Teams". It can be told to fail.
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string | null;
  activityId: string | null;
  body: Record<string, unknown> | null;
  at: number;
  /** The id this connector gave a message it created (POST), so a test can click its buttons (replyToId). */
  createdId?: string;
}

interface PlannedFailure {
  status: number;
  headers?: Record<string, string>;
  match?: (call: ConnectorCall) => boolean;
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server: http.Server | null = null;
  private failures: PlannedFailure[] = [];
  /** Calls that get no answer at all (a hung connection), until the connector stops. */
  private hangs: ((c: ConnectorCall) => boolean)[] = [];
  private readonly hung: http.ServerResponse[] = [];
  private seq = 0;
  /** Ids of the messages this connector created: an update (PUT) of any other id is refused, as Teams does. */
  private readonly posted = new Set<string>();
  private waiters: (() => void)[] = [];
  /** Members of every team (GET /v3/conversations/{team}/pagedmembers and /members/{id}). */
  teamMembers: { id: string; name: string; aadObjectId?: string }[] = [{ id: 'user-1', name: 'Admin', aadObjectId: 'aad-user-1' }];
  /** Members of particular teams (by team id); teams not listed here have `teamMembers`. */
  readonly teams = new Map<string, { id: string; name: string; aadObjectId?: string }[]>();
  /** Files served at GET /files/<name>, standing in for Teams' pre-authenticated download URLs. */
  readonly files = new Map<string, Buffer>();
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const r of this.hung.splice(0)) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The next matching call(s) fail with this status (e.g. 429 with Retry-After). */
  failNext(count: number, status: number, headers?: Record<string, string>, match?: (c: ConnectorCall) => boolean): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, headers, match });
  }

  /** Forgets planned failures that were not used. */
  clearFailures(): void {
    this.failures = [];
    this.hangs = [];
  }

  /** The next `count` matching calls are received and never answered (a hung Bot Connector). */
  hangNext(count: number, match: (c: ConnectorCall) => boolean = () => true): void {
    for (let i = 0; i < count; i++) this.hangs.push(match);
  }

  /** The id of the message this connector created with the given body (for a replyToId). */
  idOf(activity: Record<string, unknown>): string {
    const hit = this.calls.find((c) => c.body === activity && c.createdId);
    if (!hit) throw new Error('that activity was not created by this connector');
    return hit.createdId!;
  }

  /** Activities sent into a conversation (replies, proactive sends), in order. */
  activities(conversationId?: string): Record<string, unknown>[] {
    return this.calls
      .filter((c) => c.method === 'POST' && c.path.includes('/activities') && !c.path.includes('[failed') && !c.path.includes('[hung]') && (!conversationId || c.conversationId === conversationId))
      .map((c) => c.body ?? {});
  }

  /** Resolves once `predicate` holds for the recorded calls, or rejects after `timeoutMs`. */
  async waitFor<T>(predicate: (calls: ConnectorCall[]) => T | undefined | false, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = predicate(this.calls);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`FakeConnector.waitFor timed out after ${timeoutMs} ms; ${this.calls.length} calls recorded:\n` +
        this.calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body).slice(0, 200)}`).join('\n'));
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Waits until `count` activities have been posted to the conversation, and returns them all. */
  async waitForActivities(conversationId: string, count: number, timeoutMs = 10000): Promise<Record<string, unknown>[]> {
    return this.waitFor(() => {
      const a = this.activities(conversationId);
      return a.length >= count ? a : undefined;
    }, timeoutMs);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | null = null;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      } catch {
        body = { unparsable: raw };
      }
      const url = new URL(req.url ?? '/', 'http://x');
      const m = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?)?)?/.exec(url.pathname);
      const call: ConnectorCall = {
        method: req.method ?? 'GET',
        path: url.pathname,
        conversationId: m?.[1] ? decodeURIComponent(m[1]) : null,
        activityId: m?.[2] ? decodeURIComponent(m[2]) : null,
        body,
        at: Date.now(),
      };
      const hangIdx = this.hangs.findIndex((m) => m(call));
      if (hangIdx !== -1) {
        this.hangs.splice(hangIdx, 1);
        this.calls.push({ ...call, path: `${call.path} [hung]` });
        this.hung.push(res);
        this.wake();
        return;
      }
      const failIdx = this.failures.findIndex((f) => !f.match || f.match(call));
      if (failIdx !== -1) {
        const f = this.failures.splice(failIdx, 1)[0]!;
        this.calls.push({ ...call, path: `${call.path} [failed ${f.status}]` });
        res.writeHead(f.status, { 'content-type': 'application/json', ...(f.headers ?? {}) });
        res.end(JSON.stringify({ error: { code: 'Planned', message: `planned failure ${f.status}` } }));
        this.wake();
        return;
      }
      this.calls.push(call);
      this.reply(call, res);
      this.wake();
    });
  }

  private reply(call: ConnectorCall, res: http.ServerResponse): void {
    const send = (status: number, obj: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(obj));
    };
    const id = `act-${++this.seq}`;
    if (call.method === 'GET' && call.path.startsWith('/files/')) {
      const file = this.files.get(decodeURIComponent(call.path.slice('/files/'.length)));
      if (!file) return send(404, { error: 'no such file' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.length) });
      res.end(file);
      return;
    }
    if (call.method === 'POST' && call.path === '/v3/conversations') {
      // A new channel thread: Teams names it after the channel and the first message.
      const channel = (call.body?.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
      this.posted.add(id);
      return send(200, { id: channel ? `${channel};messageid=${id}` : `conv-${this.seq}`, activityId: id, serviceUrl: this.url });
    }
    const members = (call.conversationId ? this.teams.get(call.conversationId) : undefined) ?? this.teamMembers;
    if (call.path.endsWith('/pagedmembers')) return send(200, { members });
    const member = /\/members\/([^/]+)$/.exec(call.path);
    if (member) {
      const m = members.find((x) => x.id === decodeURIComponent(member[1]!));
      return m ? send(200, m) : send(404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } });
    }
    if (call.path.includes('/members')) return send(200, members);
    if (call.method === 'PUT') {
      if (!call.activityId || !this.posted.has(call.activityId)) {
        call.path += ' [rejected 404]';
        return send(404, { error: { code: 'NotFound', message: 'Message does not exist in the thread' } });
      }
      return send(200, { id: call.activityId });
    }
    if (call.method === 'POST') {
      this.posted.add(id);
      call.createdId = id;
      return send(200, { id });
    }
    if (call.method === 'DELETE') return send(200, {});
    return send(404, { error: { code: 'NotFound', message: 'no such route' } });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
