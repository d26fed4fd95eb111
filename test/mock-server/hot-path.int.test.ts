// The node adapter's hot path and hardening, driven over real sockets against a small engine
// written here (the engine's own behaviour is tested in src/mock; this file tests the edge).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAfterResponseRunner } from '../../src/adapters/http/after-response.js';
import { type ListeningServer, listen } from '../../src/adapters/http/listen.js';
import { createRequestListener } from '../../src/adapters/http/request-listener.js';
import type { MockEngine, MockRequest, MockResponse } from '../../src/mock/types.js';

const encoder = new TextEncoder();

/** Echoes what the adapter handed it, so the test sees the MockRequest the engine got. */
function echoEngine(callbackUrl: () => string): MockEngine {
  return {
    handle(request: MockRequest): MockResponse {
      if (request.path === '/boom') throw new TypeError('engine exploded');
      if (request.path === '/bad-header') {
        return { status: 200, headers: [['X-Bad', 'line\r\nbreak']], body: encoder.encode('x') };
      }
      if (request.path === '/no-content') return { status: 204, headers: [] };
      const echo = {
        method: request.method,
        path: request.path,
        query: request.query,
        host: request.headers.host,
        bodyBytes: request.body?.byteLength ?? null,
        body: request.body ? Buffer.from(request.body).toString('utf8') : null,
      };
      const response: MockResponse = {
        status: 200,
        headers: [['Content-Type', 'application/json']],
        body: encoder.encode(JSON.stringify(echo)),
      };
      if (request.path === '/subscribe') {
        response.status = 201;
        response.after = [
          {
            kind: 'callback',
            name: 'onEvent',
            method: 'POST',
            url: callbackUrl(),
            headers: [['Content-Type', 'application/json']],
            body: encoder.encode('{"event":"created"}'),
          },
          { kind: 'warning', code: 'mock.example.invalid', message: 'example X does not match' },
        ];
      }
      if (request.path === '/dead-callback') {
        response.after = [
          {
            kind: 'callback',
            name: 'onDead',
            method: 'POST',
            url: 'http://127.0.0.1:9/x',
            headers: [],
          },
        ];
      }
      return response;
    },
  };
}

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

let mock: ListeningServer;
let receiver: Server;
let receiverUrl = '';
const received: Received[] = [];
const warnings: string[] = [];
const MAX_BODY = 1024;
let runAfter: ReturnType<typeof createAfterResponseRunner>;

beforeAll(async () => {
  receiver = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/event`;
  runAfter = createAfterResponseRunner({
    warn: (line) => warnings.push(line),
    callbackTimeoutMs: 2000,
  });
  const listener = createRequestListener(
    echoEngine(() => receiverUrl),
    {
      maxBodyBytes: MAX_BODY,
      runAfter: (after) => runAfter(after),
    },
  );
  mock = await listen(listener, {
    host: '127.0.0.1',
    port: 0,
    timeouts: { headersMs: 400, requestMs: 2000 },
  });
});

afterAll(async () => {
  await mock.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  receiver.closeAllConnections();
});

describe('the request record', () => {
  it('splits the path and the raw query without parsing either', async () => {
    const answer = await fetch(`${mock.url}/pets/a%20b?limit=2&tag=x%26y`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-length')).toBe(String((await answer.clone().text()).length));
    expect(await answer.json()).toEqual({
      method: 'GET',
      path: '/pets/a%20b',
      query: 'limit=2&tag=x%26y',
      host: mock.url.slice('http://'.length),
      bodyBytes: null,
      body: null,
    });
  });

  it('collects a body when one is sent, chunked or not', async () => {
    const sized = await fetch(`${mock.url}/pets`, { method: 'POST', body: '{"name":"Rex"}' });
    expect(await sized.json()).toMatchObject({
      method: 'POST',
      bodyBytes: 14,
      body: '{"name":"Rex"}',
    });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"a":'));
        controller.enqueue(encoder.encode('1}'));
        controller.close();
      },
    });
    const chunked = await fetch(`${mock.url}/pets`, {
      method: 'PUT',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(await chunked.json()).toMatchObject({ method: 'PUT', bodyBytes: 7, body: '{"a":1}' });
  });

  it('sends no Content-Length on 204', async () => {
    const answer = await fetch(`${mock.url}/no-content`);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('content-length')).toBe(null);
  });
});

describe('hardening', () => {
  it('answers 413 problem+json to a body declared over the limit, without reading it', async () => {
    const answer = await fetch(`${mock.url}/pets`, {
      method: 'POST',
      body: 'x'.repeat(MAX_BODY + 1),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(await answer.json()).toEqual({
      type: 'https://gauntlet.dev/problems#PAYLOAD_TOO_LARGE',
      title: 'Payload too large',
      status: 413,
      detail: `Failed to read the request body: because it is larger than ${MAX_BODY} bytes. Send a smaller body, or start the mock with a larger maxBodyBytes.`,
      diagnostics: [
        {
          code: 'mock.request.body.too-large',
          severity: 'error',
          message: `Failed to read the request body: because it is larger than ${MAX_BODY} bytes. Send a smaller body, or start the mock with a larger maxBodyBytes.`,
        },
      ],
    });
  });

  it('answers 413 to a chunked body that grows over the limit', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(encoder.encode('y'.repeat(400)));
        controller.close();
      },
    });
    const answer = await fetch(`${mock.url}/pets`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect((await answer.json()).status).toBe(413);
    // The server is still there for the next client.
    expect((await fetch(`${mock.url}/ok`)).status).toBe(200);
  });

  it('turns an engine exception into 500 problem+json and keeps serving', async () => {
    const answer = await fetch(`${mock.url}/boom`);
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({
      type: 'https://gauntlet.dev/problems#INTERNAL',
      status: 500,
      diagnostics: [{ code: 'mock.internal', severity: 'error' }],
    });
    expect((await fetch(`${mock.url}/ok`)).status).toBe(200);
  });

  it('turns an invalid header from the engine into 500 rather than a crash', async () => {
    const answer = await fetch(`${mock.url}/bad-header`);
    expect(answer.status).toBe(500);
    expect((await answer.json()).detail).toMatch(
      /^Failed to answer the request: because the mock engine threw TypeError/,
    );
  });

  it('cuts a slowloris client that never finishes its headers, and still answers others', async () => {
    const { port } = new URL(mock.url);
    const socket = connect(Number(port), '127.0.0.1');
    const startedAt = Date.now();
    let reply = '';
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
    });
    const closed = new Promise<number>((resolve) =>
      socket.on('close', () => resolve(Date.now() - startedAt)),
    );
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET /pets HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    // While it dangles, others are served.
    expect((await fetch(`${mock.url}/ok`)).status).toBe(200);
    const after = await closed;
    expect(after).toBeLessThan(3000);
    expect(reply.startsWith('HTTP/1.1 408')).toBe(true);
    expect((await fetch(`${mock.url}/ok`)).status).toBe(200);
  });

  it('answers 431 to a header block over the size limit', async () => {
    const answer = await fetch(`${mock.url}/ok`, { headers: { 'x-big': 'z'.repeat(20 * 1024) } });
    expect(answer.status).toBe(431);
  });

  it('survives a flood of headers (extra ones are dropped)', async () => {
    const headers: Record<string, string> = {};
    for (let i = 0; i < 500; i++) headers[`x-h${i}`] = 'v';
    const answer = await fetch(`${mock.url}/ok`, { headers });
    expect(answer.status).toBe(200);
  });

  it('survives a client that sends garbage instead of HTTP', async () => {
    const { port } = new URL(mock.url);
    const socket = connect(Number(port), '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('\x00\x01NOT HTTP AT ALL\r\n\r\n');
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(reply.startsWith('HTTP/1.1 400')).toBe(true);
    expect((await fetch(`${mock.url}/ok`)).status).toBe(200);
  });
});

describe('after the response', () => {
  it('fires a callback to another server with the body, and prints a warning once', async () => {
    received.length = 0;
    warnings.length = 0;
    const first = await fetch(`${mock.url}/subscribe`, { method: 'POST' });
    expect(first.status).toBe(201);
    await first.arrayBuffer();
    const second = await fetch(`${mock.url}/subscribe`, { method: 'POST' });
    await second.arrayBuffer();
    await runAfter.idle();
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/hooks/event',
        contentType: 'application/json',
        body: '{"event":"created"}',
      },
      {
        method: 'POST',
        url: '/hooks/event',
        contentType: 'application/json',
        body: '{"event":"created"}',
      },
    ]);
    expect(warnings).toEqual([
      '[gauntlet] warning (mock.example.invalid): example X does not match',
    ]);
  });

  it('prints a failed callback as a warning and keeps serving', async () => {
    warnings.length = 0;
    await (await fetch(`${mock.url}/dead-callback`)).arrayBuffer();
    await runAfter.idle();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^\[gauntlet\] callback onDead failed: POST http:\/\/127\.0\.0\.1:9\/x: /,
    );
    expect((await fetch(`${mock.url}/ok`)).status).toBe(200);
  });
});

describe('close()', () => {
  it('resolves promptly even while a keep-alive socket is open', async () => {
    const server = await listen(createRequestListener(echoEngine(() => receiverUrl)), {
      host: '127.0.0.1',
      port: 0,
      timeouts: { keepAliveMs: 60_000 },
    });
    const answer = await fetch(`${server.url}/ok`, { headers: { connection: 'keep-alive' } });
    await answer.arrayBuffer();
    const startedAt = Date.now();
    await server.close();
    expect(Date.now() - startedAt).toBeLessThan(1000);
    await expect(fetch(`${server.url}/ok`)).rejects.toThrow();
  });

  it('reports a port in use as GAUNTLET_E_MOCK_LISTEN', async () => {
    const { port } = new URL(mock.url);
    await expect(
      listen(createRequestListener(echoEngine(() => receiverUrl)), {
        host: '127.0.0.1',
        port: Number(port),
      }),
    ).rejects.toMatchObject({
      code: 'GAUNTLET_E_MOCK_LISTEN',
      message: `Failed to listen on 127.0.0.1:${port}: because the port is already in use.`,
    });
  });
});
