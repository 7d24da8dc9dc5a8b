// The Agents SDK writes its answers through an Express-shaped response (status(code).send(body),
// setHeader, end). restify's own status() returns a number and its send() ends the response, so the
// SDK is given this view of the underlying node http response instead.
import type { ServerResponse } from 'http';
import type { WebResponse } from '@microsoft/agents-hosting';

export function webResponse(res: ServerResponse): WebResponse {
  const view: WebResponse = {
    status(code: number) {
      res.statusCode = code;
      return view;
    },
    setHeader(name: string, value: string) {
      res.setHeader(name, value);
      return view;
    },
    send(body?: unknown) {
      if (res.writableEnded || body === undefined) return view;
      const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      if (typeof body !== 'string' && !Buffer.isBuffer(body) && !res.headersSent) res.setHeader('content-type', 'application/json');
      res.end(text);
      return view;
    },
    end() {
      if (!res.writableEnded) res.end();
      return view;
    },
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
  };
  return view;
}
