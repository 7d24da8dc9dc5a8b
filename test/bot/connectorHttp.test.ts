// One HTTP exchange of botbuilder's connector transport (src/bot/connectorHttp.ts) against a real
// server on loopback: what it sends, how it reads the answer, and how it gives up.
import * as assert from 'assert';
import * as http from 'http';
import * as zlib from 'zlib';
import type { AddressInfo } from 'net';
import { exchange } from '../../src/bot/connectorHttp';
import { AttemptTimedOut } from '../../src/bot/connectorCall';

describe('connector HTTP exchange (node:http, keep-alive)', () => {
  let server: http.Server;
  let url = '';
  let connections = 0;
  const seen: { method: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const held: http.ServerResponse[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (req.url === '/hang') return void held.push(res);
        if (req.url === '/gzip') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return void res.end(zlib.gzipSync('{"id":"zipped"}'));
        }
        res.writeHead(429, { 'Retry-After': '3', 'content-type': 'application/json' });
        res.end('{"error":"slow down"}');
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const r of held) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('sends the method, headers and body with its length, and reads status, lower-case headers and text', async () => {
    const a = await exchange({ method: 'POST', url: `${url}/v3/x`, headers: { Authorization: 'Bearer t' }, body: '{"text":"héllo"}' }, 5000);
    assert.strictEqual(a.status, 429);
    assert.strictEqual(a.headers['retry-after'], '3');
    assert.strictEqual(a.text, '{"error":"slow down"}');
    const got = seen.at(-1)!;
    assert.strictEqual(got.method, 'POST');
    assert.strictEqual(got.headers.authorization, 'Bearer t');
    assert.strictEqual(got.headers['content-length'], String(Buffer.byteLength('{"text":"héllo"}')));
    assert.strictEqual(got.body, '{"text":"héllo"}');
  });

  it('decodes a gzip answer', async () => {
    const a = await exchange({ method: 'GET', url: `${url}/gzip`, headers: { 'Accept-Encoding': 'gzip' }, body: undefined }, 5000);
    assert.strictEqual(a.text, '{"id":"zipped"}');
  });

  it('keeps the connection alive between calls', async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) await exchange({ method: 'GET', url: `${url}/v3/y`, headers: {}, body: undefined }, 5000);
    assert.ok(connections - before <= 1, `${connections - before} new connections for 5 calls`);
  });

  it('gives up with AttemptTimedOut when no answer comes in the time left', async () => {
    // The server never answers /hang: only the time limit can end this call.
    await assert.rejects(exchange({ method: 'GET', url: `${url}/hang`, headers: {}, body: undefined }, 150), AttemptTimedOut);
  });

  it('stops at once with an AbortError when the SDK aborts the request', async () => {
    const ctrl = new AbortController();
    const pending = exchange({ method: 'GET', url: `${url}/hang`, headers: {}, body: undefined, abortSignal: ctrl.signal }, 10000);
    setImmediate(() => ctrl.abort());
    await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
  });
});
