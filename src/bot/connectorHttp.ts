// One HTTP exchange with the Bot Connector for botbuilder's transport (connectorTransport.ts), on
// node:http/https with keep-alive agents as the SDK's own Node client has them. Node's fetch (undici)
// did the same job at about half a millisecond more per reply: its web streams, Headers objects and
// AbortSignals cost more than the rest of a turn's connector work together.
import * as http from 'http';
import * as https from 'https';
import * as zlib from 'zlib';
import { AttemptTimedOut } from './connectorCall';

const AGENTS = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export interface HttpAnswer {
  status: number;
  /** Lower-case names, as the SDK's response headers are read. */
  headers: Record<string, string>;
  text: string;
}

export interface HttpRequestish {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** The SDK's own cancellation, if it sent one. */
  abortSignal?: AbortSignal;
}

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
      return zlib.gunzipSync(body);
    case 'deflate':
      return zlib.inflateSync(body);
    case 'br':
      return zlib.brotliDecompressSync(body);
    default:
      return body;
  }
}

function abortError(): Error {
  const e = new Error('The operation was aborted.');
  e.name = 'AbortError';
  return e;
}

/** Sends the request and reads the whole answer; AttemptTimedOut when it takes longer than `leftMs`. */
export function exchange(request: HttpRequestish, leftMs: number): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    let done = false;
    const finish = (e: Error | null, answer?: HttpAnswer): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.abortSignal?.removeEventListener('abort', onAbort);
      if (e) reject(e);
      else resolve(answer!);
    };
    const headers = { ...request.headers };
    if (request.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) {
      headers['Content-Length'] = String(Buffer.byteLength(request.body));
    }
    const req = (secure ? https : http).request(url, { method: request.method, headers, agent: secure ? AGENTS.https : AGENTS.http }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => finish(e));
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
        try {
          finish(null, { status: res.statusCode ?? 0, headers: out, text: decoded(Buffer.concat(chunks), out['content-encoding']).toString('utf8') });
        } catch (e) {
          finish(e as Error);
        }
      });
    });
    const onAbort = (): void => {
      req.destroy();
      finish(abortError());
    };
    req.on('error', (e) => finish(e));
    // Declared after finish(), which clears it: nothing calls finish() before this line runs.
    const timer = setTimeout(() => {
      req.destroy();
      finish(new AttemptTimedOut());
    }, leftMs);
    if (request.abortSignal?.aborted) return onAbort();
    request.abortSignal?.addEventListener('abort', onAbort, { once: true });
    req.end(request.body);
  });
}
