import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { GauntletError } from '../../errors.js';
import { REDACTED, sensitiveHeaderSet } from '../../mock/host/redact-headers.js';
import { writeAtomicSync } from '../fs/write-atomic.js';
import { type ListeningServer, listen } from '../http/listen.js';
import type { RecordedExchange } from './exchange.js';
import { toHoverflyRecording } from './to-hoverfly.js';
import { toPactRecording } from './to-pact.js';

export type RecordFormat = 'hoverfly' | 'pact';

export interface StartRecorderOptions {
  /** The real service, e.g. `http://localhost:4101` (a base path is kept: `http://x/api`). */
  target: string;
  /** The file written after every exchange. */
  out: string;
  format?: RecordFormat;
  /** Pact names (format pact). Default `consumer` / the target's host name. */
  consumer?: string;
  provider?: string;
  /** More header names to redact, on top of Authorization, Cookie, Set-Cookie and the like. */
  redact?: string[];
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Told about each exchange once it is on disk (and answered). */
  onExchange?: (exchange: RecordedExchange, count: number) => void;
  /** Told when forwarding or writing fails (the client gets a 502/500). */
  onError?: (error: GauntletError) => void;
  /** The clock written into simulations (default: the system clock). */
  now?: () => Date;
}

export interface Recorder {
  url: string;
  port: number;
  /** Exchanges recorded so far (a copy). */
  exchanges(): RecordedExchange[];
  close(): Promise<void>;
}

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus framing. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
]);
/** Response headers that differ on every call and would only make a recording noisy. */
const VOLATILE = new Set(['date']);

function headerLists(headers: IncomingMessage['headers']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? [...value] : [value];
  }
  return out;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function parseTarget(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new GauntletError(
      'GAUNTLET_E_RECORD_TARGET',
      `Failed to start the recorder: because --target ${target} is not a URL.`,
      { hint: 'Pass the real service as http://host:port (or https://).' },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GauntletError(
      'GAUNTLET_E_RECORD_TARGET',
      `Failed to start the recorder: because --target ${target} is not http or https.`,
      { hint: 'Pass the real service as http://host:port (or https://).' },
    );
  }
  return url;
}

/**
 * Starts a recording proxy: every request is forwarded to `target`, the exchange is appended to
 * the recording and `out` is rewritten atomically, and only then is the client answered. Killing
 * the recorder therefore loses no exchange a client has seen. Sensitive headers are redacted in
 * what is written; the client and the target see the real values.
 *
 * @example
 * const recorder = await startRecorder({ target: 'http://localhost:4101', out: 'mocks/orders.json' });
 * await fetch(`${recorder.url}/orders`); // forwarded, answered, recorded
 * await recorder.close();
 */
export async function startRecorder(options: StartRecorderOptions): Promise<Recorder> {
  const target = parseTarget(options.target);
  const base = target.pathname.replace(/\/+$/, '');
  const format = options.format ?? 'hoverfly';
  const sensitive = sensitiveHeaderSet(options.redact ?? []);
  const now = options.now ?? (() => new Date());
  const exchanges: RecordedExchange[] = [];
  const names = {
    consumer: options.consumer ?? 'consumer',
    provider: options.provider ?? target.hostname,
    target: target.origin + base,
  };
  const render = (): string =>
    `${JSON.stringify(
      format === 'pact' ? toPactRecording(exchanges, names) : toHoverflyRecording(exchanges, now()),
      null,
      2,
    )}\n`;
  const save = (): void => {
    try {
      writeAtomicSync(options.out, render());
    } catch (error) {
      throw new GauntletError(
        'GAUNTLET_E_RECORD_WRITE',
        `Failed to write ${options.out}: because ${error instanceof Error ? error.message : String(error)}.`,
        { hint: 'Check that the folder exists and is writable.', cause: error },
      );
    }
  };
  // An unwritable output is found before the first client is proxied.
  save();

  const redactList = (headers: Record<string, string[]>): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(headers)) {
      if (HOP_BY_HOP.has(name) || VOLATILE.has(name)) continue;
      out[name] = sensitive.has(name) ? values.map(() => REDACTED) : values;
    }
    return out;
  };

  const fail = (res: ServerResponse, status: number, error: GauntletError): void => {
    options.onError?.(error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({
      type: `https://gauntlet.dev/problems#${error.code}`,
      title: status === 502 ? 'Bad gateway' : 'Recording failed',
      status,
      detail: error.message,
      diagnostics: [{ code: error.code, severity: 'error', message: error.message }],
    });
    res.writeHead(status, { 'content-type': 'application/problem+json' });
    res.end(body);
  };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ res: IncomingMessage; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name) || name === 'host') continue;
        // Ask for an unencoded answer, so the recording holds readable bodies.
        if (name === 'accept-encoding') continue;
        headers[name] = value;
      }
      if (body.byteLength > 0) headers['content-length'] = String(body.byteLength);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const upstream = send(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: base + (req.url ?? '/'),
          headers: { ...headers, host: target.host },
        },
        (res) => {
          readAll(res).then((resBody) => resolve({ res, body: resBody }), reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      let body: Buffer;
      try {
        body = await readAll(req);
      } catch {
        return; // the client went away mid-body
      }
      let answer: { res: IncomingMessage; body: Buffer };
      try {
        answer = await forward(req, body);
      } catch (error) {
        fail(
          res,
          502,
          new GauntletError(
            'GAUNTLET_E_RECORD_TARGET',
            `Failed to forward ${req.method} ${url} to ${names.target}: because ${error instanceof Error ? error.message : String(error)}.`,
            {
              hint: 'Check that the target service is running; this request was not recorded.',
              cause: error,
            },
          ),
        );
        return;
      }
      const responseHeaders = headerLists(answer.res.headers);
      const exchange: RecordedExchange = {
        request: {
          method: req.method ?? 'GET',
          path: q === -1 ? url : url.slice(0, q),
          query: q === -1 ? '' : url.slice(q + 1),
          headers: redactList(headerLists(req.headers)),
          body,
        },
        response: {
          status: answer.res.statusCode ?? 502,
          headers: redactList(responseHeaders),
          body: answer.body,
        },
      };
      exchanges.push(exchange);
      try {
        save();
      } catch (error) {
        exchanges.pop();
        fail(res, 500, error as GauntletError);
        return;
      }
      options.onExchange?.(exchange, exchanges.length);
      const headers: string[] = [];
      for (const [name, values] of Object.entries(responseHeaders)) {
        if (HOP_BY_HOP.has(name)) continue;
        for (const value of values) headers.push(name, value);
      }
      const status = exchange.response.status;
      if (req.method === 'HEAD') {
        const length = answer.res.headers['content-length'];
        if (length !== undefined) headers.push('content-length', length);
      } else if (status >= 200 && status !== 204 && status !== 304) {
        headers.push('content-length', String(answer.body.byteLength));
      }
      res.writeHead(status, headers);
      res.end(answer.body);
    })();
  };

  const server: ListeningServer = await listen(listener, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  return {
    url: server.url,
    port: server.port,
    exchanges: () => [...exchanges],
    close: () => server.close(),
  };
}
