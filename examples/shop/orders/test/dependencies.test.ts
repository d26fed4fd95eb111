import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DependencyOptions } from '../src/clients/call-policy.js';
import { createInventoryClient } from '../src/clients/inventory.js';
import { createPaymentsClient } from '../src/clients/payments.js';

// orders' call policy through the generated inventory and payments clients, against a
// dependency whose answers each test scripts, in order: bounded retries of idempotent calls
// only, timeouts, and the circuit breaker's closed → open → half-open → closed/open cycle.
type Behaviour = 'ok' | 'slow' | '503' | 'hang' | 'not-json';
let script: Behaviour[] = [];
let seen: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
let server: Server;
let url = '';

const OK: Record<string, [number, unknown]> = {
  'POST /reservations': [201, { id: 'r-1', sku: 'abc', quantity: 2, orderId: 'o-1' }],
  'DELETE /reservations/r-1': [204, undefined],
  'POST /charges': [
    201,
    { id: 'ch-1', orderId: 'o-1', amount: 800, currency: 'EUR', status: 'captured', refunded: 0 },
  ],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const next = script.shift() ?? 'ok';
    if (next === 'hang') return; // never answers; the client's timeout must fire
    if (next === '503') {
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'Unavailable', status: 503 }));
      return;
    }
    const [status, body] = OK[`${req.method} ${req.url}`] ?? [404, { title: 'No route' }];
    const answer = () => {
      if (body === undefined) {
        res.writeHead(status).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(next === 'not-json' ? '{"id": ' : JSON.stringify(body));
    };
    if (next === 'slow') setTimeout(answer, 400);
    else answer();
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
  seen = [];
});

// Generous timeouts except where the timeout is the point: a process's first fetch is slow.
const options = (more: Partial<DependencyOptions> = {}): DependencyOptions => ({
  baseUrl: url,
  timeoutMs: 5_000,
  backoffMs: 5,
  ...more,
});
const reserve = { sku: 'abc', quantity: 2, orderId: 'o-1' };
const charge = { orderId: 'o-1', amount: 800, currency: 'EUR' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inventory and payments through their generated clients', () => {
  it('sends JSON with a W3C traceparent and reads the typed answer', async () => {
    const result = await createInventoryClient(options()).reserve(reserve);
    expect(result).toEqual({ ok: true, reservation: OK['POST /reservations']?.[1] });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(await createPaymentsClient(options()).charge(charge)).toEqual({
      id: 'ch-1',
      orderId: 'o-1',
      amount: 800,
      currency: 'EUR',
      status: 'captured',
    });
  });

  it('retries an idempotent release after 503s and returns the later success', async () => {
    script = ['503', '503', 'ok'];
    expect(await createInventoryClient(options()).release('r-1')).toBe(true);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(
      Array(3).fill('DELETE /reservations/r-1'),
    );
  });

  it('gives up after the bounded retries with a server-error', async () => {
    script = ['503', '503', '503', 'ok'];
    await expect(createInventoryClient(options()).release('r-1')).rejects.toMatchObject({
      name: 'UpstreamError',
      dependency: 'inventory',
      failure: 'server-error',
      message: 'inventory answered DELETE /reservations/r-1 with 503.',
    });
    expect(seen).toHaveLength(3);
  });

  it('never retries a reservation or a charge (POST)', async () => {
    script = ['503', 'ok'];
    await expect(createInventoryClient(options()).reserve(reserve)).rejects.toMatchObject({
      failure: 'server-error',
    });
    expect(seen).toHaveLength(1);
    script = ['hang', 'ok'];
    await expect(
      createPaymentsClient(options({ timeoutMs: 150 })).charge(charge),
    ).rejects.toMatchObject({
      dependency: 'payments',
      failure: 'timeout',
      message: 'payments did not answer POST /charges within 150 ms.',
    });
    expect(seen).toHaveLength(2);
  });

  it('times out a dependency that does not answer, each retry included', async () => {
    script = ['hang', 'hang'];
    const started = Date.now();
    await expect(
      createInventoryClient(options({ timeoutMs: 150, retries: 1 })).release('r-1'),
    ).rejects.toMatchObject({ failure: 'timeout' });
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000); // far below the 30 s test timeout
  });

  it('a refused connection is a network failure naming the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));
    const refused = createPaymentsClient({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 });
    await expect(refused.charge(charge)).rejects.toMatchObject({
      failure: 'network',
      message: `POST /charges to payments failed: connect ECONNREFUSED 127.0.0.1:${port}.`,
    });
  });

  it('an answer that is not JSON is a bad-response', async () => {
    script = ['not-json'];
    await expect(createPaymentsClient(options()).charge(charge)).rejects.toMatchObject({
      failure: 'bad-response',
    });
  });

  it('opens the circuit after consecutive failures, fails fast, then half-opens and closes', async () => {
    const inventory = createInventoryClient(
      options({ retries: 0, breaker: { failures: 2, halfOpenAfterMs: 150 } }),
    );
    script = ['503', '503'];
    await expect(inventory.release('r-1')).rejects.toMatchObject({ failure: 'server-error' });
    expect(inventory.breaker.state).toBe('closed');
    await expect(inventory.release('r-1')).rejects.toMatchObject({ failure: 'server-error' });
    expect(inventory.breaker.state).toBe('open');
    // Open: every call of this client fails fast, without reaching inventory.
    await expect(inventory.reserve(reserve)).rejects.toMatchObject({
      failure: 'circuit-open',
      message: 'inventory is failing; the circuit is open.',
    });
    expect(seen).toHaveLength(2);
    // After halfOpenAfterMs the next call is the one trial (cockatiel reports 'open' until it
    // starts). While it is in flight the circuit is half-open: other calls wait for its outcome
    // instead of reaching inventory, and go ahead once it has closed the circuit.
    await sleep(200);
    script = ['slow'];
    const trial = inventory.release('r-1');
    await sleep(100);
    expect(inventory.breaker.state).toBe('half-open');
    const waiting = inventory.reserve(reserve);
    await sleep(50);
    expect(seen).toHaveLength(3);
    expect(await trial).toBe(true);
    expect(inventory.breaker.state).toBe('closed');
    expect((await waiting).ok).toBe(true);
    expect(seen.slice(2).map((s) => `${s.method} ${s.url}`)).toEqual([
      'DELETE /reservations/r-1',
      'POST /reservations',
    ]);
    // A failed trial opens the circuit again at once.
    script = ['503', '503'];
    await expect(inventory.release('r-1')).rejects.toMatchObject({ failure: 'server-error' });
    await expect(inventory.release('r-1')).rejects.toMatchObject({ failure: 'server-error' });
    expect(inventory.breaker.state).toBe('open');
    await sleep(200);
    script = ['503'];
    await expect(inventory.release('r-1')).rejects.toMatchObject({ failure: 'server-error' });
    expect(inventory.breaker.state).toBe('open');
    await expect(inventory.release('r-1')).rejects.toMatchObject({ failure: 'circuit-open' });
    expect(seen).toHaveLength(7);
  });

  it('with retries, the breaker counts every failed attempt', async () => {
    const inventory = createInventoryClient(
      options({ retries: 2, breaker: { failures: 2, halfOpenAfterMs: 60_000 } }),
    );
    script = ['503', '503', 'ok'];
    // The second 503 opens the circuit; the third attempt is refused before it is sent.
    await expect(inventory.release('r-1')).rejects.toMatchObject({ failure: 'circuit-open' });
    expect(seen).toHaveLength(2);
  });
});
