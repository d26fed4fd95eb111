import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../formats/load-source.js';
import type { Service } from '../../model/index.js';
import { compile } from '../compile.js';
import { compileScenarios } from '../scenarios/compile-scenarios.js';
import { createMockHost, type MockHost } from './create-mock-host.js';
import { bodyJson, loadDoc, ORDERS_DOC, request } from './host-for-tests.js';
import type { JournalPage } from './types.js';

let orders: Service;

beforeAll(async () => {
  orders = await loadDoc(ORDERS_DOC, 'orders.json');
});

function hostFor(
  services: Service[],
  extra: Partial<Parameters<typeof createMockHost>[0]> = {},
): MockHost {
  const mounts: Record<string, string> = {};
  for (const s of services) mounts[s.name] = services.length > 1 ? `/${s.name}` : '';
  let t = 0;
  return createMockHost({
    targets: [{ engine: compile(services, { mounts }), services, mounts }],
    now: () => Date.UTC(2025, 0, 1),
    clock: () => t++,
    ...extra,
  });
}

describe('createMockHost: journal', () => {
  it('journals a contract hit with the operation that answered, found when read', () => {
    const host = hostFor([orders]);
    const res = host.handle(
      request('GET', '/orders/o1?expand=items', {
        authorization: 'Bearer x',
        'x-gauntlet-session': 's1',
      }),
    );
    expect(res.status).toBe(200);
    const page = host.journal.read();
    expect(page.entries).toEqual([
      {
        seq: 1,
        time: '2025-01-01T00:00:00.000Z',
        method: 'GET',
        path: '/orders/o1',
        query: 'expand=items',
        headers: { authorization: '[redacted]', 'x-gauntlet-session': 's1' },
        bodySize: 0,
        session: 's1',
        matched: { source: 'operation', service: 'orders', id: 'getOrder' },
        status: 200,
        durationMs: 1,
      },
    ]);
  });

  it('keeps 10,000 entries by default and drops the oldest under 50,000 requests', () => {
    const host = hostFor([orders]);
    for (let i = 0; i < 50_000; i++) host.handle(request('GET', `/orders/${i}`));
    expect(host.journal.size).toBe(10_000);
    const page = host.journal.read({ limit: 1 });
    expect(page.entries[0]!.path).toBe('/orders/49999');
    expect(page.recorded).toBe(50_000);
    expect(host.journal.count({ path: '/orders/39999' })).toBe(0);
    expect(host.journal.count({ path: '/orders/40000' })).toBe(1);
    expect(host.journal.count({ method: 'GET', path: '/orders/*' })).toBe(10_000);
  });

  it('tells onEntry listeners each journaled request with its answer, until unsubscribed', () => {
    const host = hostFor([orders]);
    const seen: Array<[number, string, number, string | undefined, string[]]> = [];
    const off = host.onEntry((entry, response) => {
      expect(response.status).toBe(entry.status);
      seen.push([
        entry.seq,
        entry.path,
        entry.status,
        entry.matched?.id,
        (entry.nearMisses ?? []).map((c) => c.name),
      ]);
    });
    host.handle(request('GET', '/orders/o1'));
    host.handle(request('GET', '/orderz/o1'));
    host.handle(request('GET', '/__gauntlet/health'));
    off();
    host.handle(request('GET', '/orders/o2'));
    expect(seen).toEqual([
      [1, '/orders/o1', 200, 'getOrder', []],
      [2, '/orderz/o1', 404, undefined, ['GET /orders/{id} (getOrder)']],
    ]);
  });

  it('does not journal admin requests', () => {
    const host = hostFor([orders]);
    host.handle(request('GET', '/__gauntlet/health'));
    expect(host.journal.size).toBe(0);
  });
});

describe('createMockHost: near misses', () => {
  it('answers an unknown path with a 404 naming the closest operations and why each missed', () => {
    const host = hostFor([orders]);
    const res = host.handle(request('GET', '/orderz/o1'));
    expect(res.status).toBe(404);
    const body = bodyJson(res) as {
      detail: string;
      nearMisses: unknown[];
      diagnostics: Array<{ code: string }>;
    };
    expect(body.nearMisses).toEqual([
      {
        source: 'operation',
        service: 'orders',
        name: 'GET /orders/{id} (getOrder)',
        score: 3,
        reasons: ["path segment 1 is 'orderz', /orders/{id} expects 'orders'"],
      },
    ]);
    expect(body.detail).toBe(
      "Failed to route GET /orderz/o1: because nothing served here matches it; the closest is the operation of orders GET /orders/{id} (getOrder) (path segment 1 is 'orderz', /orders/{id} expects 'orders'). Fix the request or the contract; nearMisses lists 1 candidate(s).",
    );
    expect(body.diagnostics.map((d) => d.code)).toEqual([
      'mock.route.not-found',
      'mock.stub.near-miss',
    ]);
    const [entry] = host.journal.read().entries;
    expect(entry!.matched).toBeUndefined();
    expect(entry!.nearMisses).toEqual(body.nearMisses);
    expect(host.journal.count({ matched: false })).toBe(1);
  });

  it('names the method when only the method is wrong (405 keeps its Allow header)', () => {
    const host = hostFor([orders]);
    const res = host.handle(request('DELETE', '/orders'));
    expect(res.status).toBe(405);
    expect(res.headers).toContainEqual(['Allow', 'GET, POST']);
    const body = bodyJson(res) as { nearMisses: Array<{ name: string; reasons: string[] }> };
    expect(body.nearMisses.map((c) => [c.name, c.reasons])).toEqual([
      ['GET /orders (listOrders)', ['method is DELETE, /orders is GET']],
      ['POST /orders (createOrder)', ['method is DELETE, /orders is POST']],
    ]);
  });
});

describe('createMockHost: path parameter near misses', () => {
  it('says when a path parameter is not one of its enum values', async () => {
    const pets = await loadDoc({
      openapi: '3.1.0',
      info: { title: 'Pets', version: '1' },
      paths: {
        '/pets/{kind}': {
          get: {
            operationId: 'listKind',
            parameters: [
              { name: 'kind', in: 'path', required: true, schema: { enum: ['cat', 'dog'] } },
            ],
            responses: { '204': { description: 'ok' } },
          },
        },
      },
    });
    const host = hostFor([pets]);
    const res = host.handle(request('DELETE', '/pets/cow'));
    expect(res.status).toBe(405);
    expect((bodyJson(res) as { nearMisses: unknown[] }).nearMisses).toEqual([
      {
        source: 'operation',
        service: pets.name,
        name: 'GET /pets/{kind} (listKind)',
        score: 3,
        reasons: [
          "path parameter kind is 'cow', not one of cat, dog",
          'method is DELETE, /pets/{kind} is GET',
        ],
      },
    ]);
  });
});

describe('createMockHost: pact near misses', () => {
  it('keeps the engine’s near-miss diagnostics for pact interactions in the 404', async () => {
    const text = await readFile(
      new URL('../../../contracts/pacts/orders-inventory.json', import.meta.url),
      'utf8',
    );
    const source = await loadSource('orders-inventory.json', text, {
      readFile: () => Promise.reject(new Error('self-contained')),
    });
    const pact = source.service!;
    const host = hostFor([pact]);
    const res = host.handle(request('DELETE', '/reservation/r-1'));
    expect(res.status).toBe(404);
    const body = bodyJson(res) as { diagnostics: Array<{ code: string; message: string }> };
    const near = body.diagnostics.filter((d) => d.code === 'mock.stub.near-miss');
    expect(near.length).toBeGreaterThan(0);
    expect(near[0]!.message).toMatch(/release reservation r-1/);
    expect(host.journal.read().entries[0]!.matched).toBeUndefined();
    // The engine's explain() gives the host the same candidates as structured near misses.
    const structured = host.journal.read().entries[0]!.nearMisses ?? [];
    expect(structured[0]).toMatchObject({ source: 'pact', service: pact.name });
    expect(structured[0]!.name).toMatch(/release reservation r-1/);
    // A hit on an interaction is journaled as the contract's (the engine does not name it).
    expect(host.handle(request('DELETE', '/reservations/r-1')).status).toBeLessThan(300);
    expect(host.journal.read({ limit: 1 }).entries[0]!.matched).toEqual({
      source: 'contract',
      service: pact.name,
    });
  });
});

describe('createMockHost: named responses', () => {
  it('journals what the engine says answered when its response names it', () => {
    const engine = compile([orders]);
    const host = createMockHost({
      targets: [
        {
          // As a pact engine would: the pre-built answer carries the interaction it belongs to.
          engine: {
            handle: (r) => ({
              ...engine.handle(r),
              matched: { source: 'interaction', service: 'orders', id: 'a request for o1' },
            }),
          },
          services: [orders],
          mounts: { orders: '' },
        },
      ],
    });
    host.handle(request('GET', '/orders/o1'));
    expect(host.journal.read().entries[0]!.matched).toEqual({
      source: 'interaction',
      service: 'orders',
      id: 'a request for o1',
    });
  });
});

describe('createMockHost: runtime stub near misses', () => {
  it('names a runtime stub that almost matched, with the field that did not', () => {
    const host = hostFor([orders]);
    host.stubs.add({
      id: 'tenant-stub',
      request: { method: 'GET', path: '/reports/*', headers: { 'x-tenant': 'acme' } },
      response: { status: 200 },
    });
    const res = host.handle(request('GET', '/reports/q1', { 'x-tenant': 'other' }));
    expect(res.status).toBe(404);
    expect((bodyJson(res) as { nearMisses: unknown[] }).nearMisses).toEqual([
      { source: 'stub', name: 'tenant-stub', score: 2, reasons: ["header x-tenant is not 'acme'"] },
    ]);
  });
});

describe('createMockHost: runtime stubs and scenarios', () => {
  it('serves a runtime stub before the contract, counts its hits, and stops when removed', () => {
    const host = hostFor([orders]);
    const stub = host.stubs.add({
      request: { method: 'GET', path: '/orders/*', headers: { 'X-Tenant': 'acme' } },
      response: { status: 503, body: { error: 'down' } },
    });
    expect(stub.id).toBe('stub-1');
    const hit = host.handle(request('GET', '/orders/o1', { 'x-tenant': 'acme' }));
    expect([hit.status, bodyJson(hit)]).toEqual([503, { error: 'down' }]);
    expect(host.handle(request('GET', '/orders/o1')).status).toBe(200);
    expect(host.stubs.list()[0]!.hits).toBe(1);
    expect(host.journal.read().entries.map((e) => e.matched)).toEqual([
      { source: 'operation', service: 'orders', id: 'getOrder' },
      { source: 'stub', id: 'stub-1' },
    ]);
    expect(host.stubs.remove('stub-1')).toBe(true);
    expect(host.handle(request('GET', '/orders/o1', { 'x-tenant': 'acme' })).status).toBe(200);
  });

  it('asks scenarios after runtime stubs and before the contract, per session', () => {
    const scenarios = compileScenarios([
      {
        name: 'checkout',
        stubs: [
          {
            request: { method: 'POST', path: '/orders' },
            state: 'Started',
            nextState: 'placed',
            response: { status: 201, body: { id: 'from-scenario' } },
          },
          {
            request: { method: 'POST', path: '/orders' },
            state: 'placed',
            response: { status: 409, body: { error: 'already placed' } },
          },
        ],
      },
    ]);
    const host = hostFor([orders], { scenarios });
    const a = { 'x-gauntlet-session': 'a' };
    expect(host.handle(request('POST', '/orders', a)).status).toBe(201);
    expect(host.handle(request('POST', '/orders', a)).status).toBe(409);
    expect(host.handle(request('POST', '/orders', { 'x-gauntlet-session': 'b' })).status).toBe(201);
    expect(host.journal.read({ session: 'a' }).entries.map((e) => e.matched)).toEqual([
      { source: 'scenario' },
      { source: 'scenario' },
    ]);
    const reset = host.admin(
      request('POST', '/__gauntlet/reset', {}, { session: 'a', journal: false }),
    );
    expect(bodyJson(reset)).toEqual({ state: true, journalCleared: 0, stubsRemoved: 0 });
    expect(host.handle(request('POST', '/orders', a)).status).toBe(201);
  });
});

describe('createMockHost: admin API', () => {
  it('lists services and routes', () => {
    const host = hostFor([orders]);
    expect(bodyJson(host.handle(request('GET', '/__gauntlet/services')))).toEqual({
      services: [
        {
          name: 'orders',
          title: 'Orders',
          format: 'openapi-3.1',
          file: 'orders.json',
          basePath: '',
          port: 0,
          operations: 4,
          interactions: 0,
          pairs: 0,
          messages: 0,
        },
      ],
    });
    expect(bodyJson(host.handle(request('GET', '/__gauntlet/routes')))).toEqual({
      services: [
        {
          service: 'orders',
          basePath: '',
          routes: [
            { source: 'operation', id: 'listOrders', method: 'GET', path: '/orders' },
            { source: 'operation', id: 'createOrder', method: 'POST', path: '/orders' },
            { source: 'operation', id: 'getOrder', method: 'GET', path: '/orders/{id}' },
            { source: 'operation', id: 'health', method: 'GET', path: '/health' },
          ],
        },
      ],
      stubs: [],
    });
  });

  it('reads, filters, counts and clears the journal', () => {
    const host = hostFor([orders]);
    host.handle(request('GET', '/orders/1', { 'x-gauntlet-session': 't1' }));
    host.handle(request('GET', '/orders/2', { 'x-gauntlet-session': 't1' }));
    host.handle(request('POST', '/orders', { 'x-gauntlet-session': 't2' }, { item: 'x' }));
    host.handle(request('GET', '/nope'));
    const read = (query: string) =>
      bodyJson(host.handle(request('GET', `/__gauntlet/journal${query}`))) as JournalPage;
    expect(read('?path=/orders/*').entries.map((e) => e.path)).toEqual(['/orders/2', '/orders/1']);
    expect(read('?matched=false').entries.map((e) => e.path)).toEqual(['/nope']);
    expect(read('?session=t2').entries.map((e) => [e.method, e.bodySize])).toEqual([['POST', 12]]);
    expect(read('?limit=1').total).toBe(4);
    expect(read('?limit=1').entries.length).toBe(1);
    const count = (pattern: unknown) =>
      bodyJson(host.handle(request('POST', '/__gauntlet/journal/count', {}, pattern)));
    expect(count({ method: 'GET', path: '/orders/*' })).toEqual({ count: 2 });
    expect(count({ session: 't1', matched: true })).toEqual({ count: 2 });
    expect(bodyJson(host.handle(request('DELETE', '/__gauntlet/journal?session=t1')))).toEqual({
      cleared: 2,
    });
    expect(count({})).toEqual({ count: 2 });
  });

  it('adds and removes runtime stubs over HTTP-shaped requests', () => {
    const host = hostFor([orders]);
    const added = host.handle(
      request(
        'POST',
        '/__gauntlet/stubs',
        {},
        {
          id: 'slow-health',
          request: { path: '/health' },
          response: { status: 200, body: 'fine', delayMs: 50 },
        },
      ),
    );
    expect(added.status).toBe(201);
    expect(bodyJson(added)).toEqual({
      id: 'slow-health',
      request: { path: '/health' },
      response: { status: 200, body: 'fine', delayMs: 50 },
      priority: 0,
      hits: 0,
    });
    const res = host.handle(request('GET', '/health'));
    expect([res.status, new TextDecoder().decode(res.body), res.delayMs]).toEqual([
      200,
      'fine',
      50,
    ]);
    expect(host.handle(request('DELETE', '/__gauntlet/stubs/slow-health')).status).toBe(200);
    expect(host.handle(request('DELETE', '/__gauntlet/stubs/slow-health')).status).toBe(404);
    expect(host.handle(request('GET', '/health')).status).toBe(204);
  });

  it('refuses a stub that does not fit the admin schema, naming the field', () => {
    const host = hostFor([orders]);
    const res = host.handle(
      request(
        'POST',
        '/__gauntlet/stubs',
        {},
        { request: { path: '/x' }, response: { status: 'ok' } },
      ),
    );
    expect(res.status).toBe(400);
    const body = bodyJson(res) as { diagnostics: Array<{ code: string; path?: string }> };
    expect(body.diagnostics.slice(1).map((d) => [d.code, d.path])).toEqual([
      ['mock.admin.body.invalid', '/response/status'],
    ]);
    expect(host.handle(request('POST', '/__gauntlet/stubs', {}, '{not json')).status).toBe(400);
  });

  it('requires the bearer token when one is set', () => {
    const host = hostFor([orders], { adminToken: 't0ken' });
    const denied = host.handle(request('GET', '/__gauntlet/health'));
    expect(denied.status).toBe(401);
    expect(denied.headers).toContainEqual(['WWW-Authenticate', 'Bearer realm="gauntlet-admin"']);
    expect(
      host.handle(request('GET', '/__gauntlet/health', { authorization: 'Bearer wrong' })).status,
    ).toBe(401);
    const ok = host.handle(request('GET', '/__gauntlet/health', { authorization: 'Bearer t0ken' }));
    expect(bodyJson(ok)).toEqual({
      status: 'ok',
      services: 1,
      journal: { size: 0, capacity: 10_000, recorded: 0 },
      stubs: 0,
      reloads: 0,
    });
  });

  it('leaves /__gauntlet/ to the contract when the admin API has its own port', () => {
    const host = hostFor([orders], { adminOnMockPort: false });
    expect(host.handle(request('GET', '/__gauntlet/health')).status).toBe(404);
    expect(host.admin(request('GET', '/__gauntlet/health')).status).toBe(200);
  });
});

describe('createMockHost: swap', () => {
  it('answers with the new engine after a swap and counts reloads', async () => {
    const host = hostFor([orders]);
    const v2 = await loadDoc(
      { ...ORDERS_DOC, paths: { '/v2': { get: { responses: { '204': { description: 'x' } } } } } },
      'orders.json',
    );
    expect(host.handle(request('GET', '/v2')).status).toBe(404);
    host.swap([{ engine: compile([v2]), services: [v2], mounts: { [v2.name]: '' } }]);
    expect(host.handle(request('GET', '/v2')).status).toBe(204);
    expect(host.reloads).toBe(1);
  });
});
