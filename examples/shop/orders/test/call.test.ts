import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, policyFor } from '../src/clients/call.js';
import { createCircuitBreaker } from '../src/clients/circuit-breaker.js';
import { UpstreamError } from '../src/clients/upstream-error.js';

// A dependency whose behaviour each test scripts: the next answers, in order.
type Behaviour = 'ok' | '503' | 'hang';
let script: Behaviour[] = [];
let hits = 0;
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    const next = script.shift() ?? 'ok';
    if (next === 'hang') return; // never answers; the client's timeout must fire
    res.writeHead(next === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ answer: next }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  script = [];
  hits = 0;
});

// Generous timeouts except where the timeout is the point: a process's first fetch is slow.
const policy = (retries = 2, timeoutMs = 5_000) =>
  policyFor('dep', { baseUrl: url, timeoutMs, retries, backoffMs: 5 });

describe('call', () => {
  it('retries a GET after a 503 and returns the later success', async () => {
    script = ['503', '503', 'ok'];
    const res = await call(policy(), 'GET', `${url}/x`);
    expect(res).toMatchObject({ status: 200, body: { answer: 'ok' } });
    expect(hits).toBe(3);
  });

  it('gives up after the bounded retries with a server-error', async () => {
    script = ['503', '503', '503', 'ok'];
    await expect(call(policy(), 'GET', `${url}/x`)).rejects.toMatchObject({
      failure: 'server-error',
    });
    expect(hits).toBe(3);
  });

  it('never retries a POST', async () => {
    script = ['503', 'ok'];
    await expect(call(policy(), 'POST', `${url}/x`, { a: 1 })).rejects.toBeInstanceOf(
      UpstreamError,
    );
    expect(hits).toBe(1);
  });

  it('times out a dependency that does not answer', async () => {
    script = ['hang'];
    const started = Date.now();
    await expect(call(policy(0, 150), 'GET', `${url}/x`)).rejects.toMatchObject({
      failure: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(5_000); // far below the 30 s test timeout
  });

  it('fails fast once the circuit is open', async () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2, resetAfterMs: 60_000 });
    const p = { ...policy(0), breaker };
    script = ['503', '503'];
    await expect(call(p, 'GET', `${url}/x`)).rejects.toMatchObject({ failure: 'server-error' });
    await expect(call(p, 'GET', `${url}/x`)).rejects.toMatchObject({ failure: 'server-error' });
    await expect(call(p, 'GET', `${url}/x`)).rejects.toMatchObject({ failure: 'circuit-open' });
    expect(hits).toBe(2);
  });
});
