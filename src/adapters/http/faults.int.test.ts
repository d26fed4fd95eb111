import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScenarios } from '../../mock/scenarios/compile-scenarios.js';
import { sessionOf } from '../../mock/session.js';
import type { MockEngine } from '../../mock/types.js';
import { MALFORMED_BYTES } from './faults.js';
import { createRequestListener } from './request-listener.js';

const body = JSON.stringify({ id: 'ch-1', status: 'captured', padding: 'x'.repeat(100) });

const scenarios = compileScenarios([
  {
    name: 'faults',
    stubs: [
      { request: { path: '/reset' }, response: { body, fault: { kind: 'connection-reset' } } },
      { request: { path: '/empty' }, response: { body, fault: { kind: 'empty-reply' } } },
      {
        request: { path: '/truncated' },
        response: { body, fault: { kind: 'truncated-body', sendBytes: 10 } },
      },
      {
        request: { path: '/truncated-half' },
        response: { body, fault: { kind: 'truncated-body' } },
      },
      {
        request: { path: '/malformed' },
        response: { body, fault: { kind: 'malformed-response' } },
      },
      {
        request: { path: '/drip' },
        response: { body, fault: { kind: 'chunked-drip', chunks: 4, durationMs: 400 } },
      },
      {
        request: { path: '/slow-reset' },
        response: { fault: { kind: 'connection-reset' }, delay: 150 },
      },
      { request: { path: '/slow' }, response: { status: 200, body: 'late', delay: 150 } },
      {
        request: { path: '/flaky' },
        responses: [{ fault: { kind: 'empty-reply' } }, { status: 200, body: 'ok' }],
      },
    ],
  },
]);

const engine: MockEngine = {
  handle: (request) =>
    scenarios.handle(request, sessionOf(request)) ?? { status: 404, headers: [] },
};

let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer(createRequestListener(engine));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface RawExchange {
  data: Buffer;
  /** Milliseconds after the request was written at which each piece arrived. */
  arrivals: number[];
  error?: string;
  ms: number;
}

/** Sends one raw HTTP/1.1 request and records every byte until the server closes. */
function raw(path: string, headers: Record<string, string> = {}): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const pieces: Buffer[] = [];
    const arrivals: number[] = [];
    let error: string | undefined;
    const started = performance.now();
    socket.on('connect', () => {
      const extra = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`);
    });
    socket.on('data', (chunk) => {
      pieces.push(chunk);
      arrivals.push(performance.now() - started);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => {
      resolve({
        data: Buffer.concat(pieces),
        arrivals,
        ...(error === undefined ? {} : { error }),
        ms: performance.now() - started,
      });
    });
  });
}

function split(data: Buffer): { head: string; body: Buffer } {
  const end = data.indexOf('\r\n\r\n');
  return { head: data.subarray(0, end).toString('latin1'), body: data.subarray(end + 4) };
}

describe('faults on a real socket', () => {
  it('connection-reset: the client sees ECONNRESET and no bytes', async () => {
    const exchange = await raw('/reset');
    expect(exchange.error).toBe('ECONNRESET');
    expect(exchange.data.byteLength).toBe(0);
  });

  it('empty-reply: the connection closes cleanly with no bytes', async () => {
    const exchange = await raw('/empty');
    expect(exchange.error).toBeUndefined();
    expect(exchange.data.byteLength).toBe(0);
  });

  it('truncated-body: Content-Length announces the whole body, fewer bytes arrive', async () => {
    const exchange = await raw('/truncated');
    const { head, body: received } = split(exchange.data);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(received.toString()).toBe(body.slice(0, 10));

    const half = split((await raw('/truncated-half')).data);
    expect(half.body.byteLength).toBe(Math.floor(Buffer.byteLength(body) / 2));
  });

  it('truncated-body: fetch reports the body as failed', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/truncated`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('malformed-response: bytes that are not HTTP, then close', async () => {
    const exchange = await raw('/malformed');
    expect(exchange.data.equals(MALFORMED_BYTES)).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/malformed`)).rejects.toThrow();
  });

  it('chunked-drip: the body arrives in pieces spread over the duration', async () => {
    const exchange = await raw('/drip');
    const { head, body: chunked } = split(exchange.data);
    expect(head).toContain('Transfer-Encoding: chunked');
    expect(head).not.toContain('Content-Length');
    // De-chunk: size line, data, CRLF … 0 CRLF CRLF.
    const sizes: number[] = [];
    let rest = chunked.toString('latin1');
    let text = '';
    while (rest.length > 0) {
      const nl = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.slice(0, nl), 16);
      sizes.push(size);
      text += rest.slice(nl + 2, nl + 2 + size);
      rest = rest.slice(nl + 2 + size + 2);
      if (size === 0) break;
    }
    expect(text).toBe(body);
    const length = Buffer.byteLength(body);
    const piece = Math.ceil(length / 4);
    expect(sizes).toEqual([piece, piece, piece, length - 3 * piece, 0]);
    // Headers first, then four pieces about 100 ms apart; the whole takes ~400 ms.
    expect(exchange.arrivals.length).toBeGreaterThanOrEqual(4);
    expect(exchange.ms).toBeGreaterThanOrEqual(380);
    expect(exchange.ms).toBeLessThan(1500);
    const last = exchange.arrivals[exchange.arrivals.length - 1]!;
    expect(last - exchange.arrivals[0]!).toBeGreaterThanOrEqual(280);
  });

  it('waits the delay before a fault, and before a normal answer', async () => {
    const reset = await raw('/slow-reset');
    expect(reset.error).toBe('ECONNRESET');
    expect(reset.ms).toBeGreaterThanOrEqual(140);
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/slow`);
    expect(await response.text()).toBe('late');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a sequence: first call of a session fails, the retry succeeds; other sessions start over', async () => {
    const first = await raw('/flaky', { 'X-Gauntlet-Session': 'retry-test' });
    expect(first.data.byteLength).toBe(0);
    const retry = await fetch(`http://127.0.0.1:${port}/flaky`, {
      headers: { 'X-Gauntlet-Session': 'retry-test' },
    });
    expect(await retry.text()).toBe('ok');
    const other = await raw('/flaky', { 'X-Gauntlet-Session': 'other-test' });
    expect(other.data.byteLength).toBe(0);
  });

  it('keeps serving after every fault', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/nothing`);
    expect(response.status).toBe(404);
  });
});
