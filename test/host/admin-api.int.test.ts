import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../src/adapters/http/start-mock.js';
import { createAdminClient } from '../../src/admin-client/index.js';
import { isGauntletError } from '../../src/errors.js';
import { loadSource } from '../../src/formats/load-source.js';
import { createSchemaCompiler } from '../../src/matching/json-schema.js';
import { ORDERS_DOC } from '../../src/mock/host/host-for-tests.js';
import { compileScenarios } from '../../src/mock/scenarios/compile-scenarios.js';
import type { ScenarioDefinition } from '../../src/mock/scenarios/types.js';
import type { Service } from '../../src/model/index.js';

const CHECKOUT: ScenarioDefinition = {
  name: 'checkout',
  stubs: [
    {
      request: { method: 'POST', path: '/orders' },
      state: 'Started',
      nextState: 'placed',
      response: { status: 201, body: { id: 'o-scenario' } },
    },
    {
      request: { method: 'POST', path: '/orders' },
      state: 'placed',
      response: { status: 409, body: { error: 'already placed' } },
    },
  ],
};

let dir: string;
let spec: string;
const mocks: RunningMock[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-admin-'));
  spec = join(dir, 'orders.json');
  await writeFile(spec, JSON.stringify(ORDERS_DOC));
});

afterAll(async () => {
  await Promise.all(mocks.map((m) => m.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(extra: Parameters<typeof startMock>[0] = {}): Promise<RunningMock> {
  const mock = await startMock({ contracts: [spec], port: 0, warn: () => {}, ...extra });
  mocks.push(mock);
  return mock;
}

describe('admin API over HTTP (typed client)', () => {
  it('lists, journals, counts, stubs and resets', async () => {
    const mock = await start();
    const admin = createAdminClient(mock.url);
    expect(await admin.health()).toEqual({
      status: 'ok',
      services: 1,
      journal: { size: 0, capacity: 10_000, recorded: 0 },
      stubs: 0,
      reloads: 0,
    });
    expect((await admin.services()).map((s) => [s.name, s.operations])).toEqual([['orders', 4]]);

    await fetch(`${mock.url}/orders/o1`, { headers: { 'x-gauntlet-session': 'test-1' } });
    await fetch(`${mock.url}/orders/o2`, { headers: { 'x-gauntlet-session': 'test-1' } });
    const miss = await fetch(`${mock.url}/orderz`);
    expect(miss.status).toBe(404);
    expect(miss.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await miss.json()) as { nearMisses: Array<{ name: string }> };
    expect(problem.nearMisses.map((c) => c.name)).toEqual(['GET /orders (listOrders)']);

    expect(await admin.count({ method: 'GET', path: '/orders/*', session: 'test-1' })).toBe(2);
    expect(await admin.count({ matched: false })).toBe(1);
    const page = await admin.journal({ matched: true });
    expect(page.entries.map((e) => [e.path, e.matched])).toEqual([
      ['/orders/o2', { source: 'operation', service: 'orders', id: 'getOrder' }],
      ['/orders/o1', { source: 'operation', service: 'orders', id: 'getOrder' }],
    ]);

    const stub = await admin.addStub({
      request: { method: 'POST', path: '/orders' },
      response: { status: 503, headers: { 'Retry-After': '1' }, body: { error: 'busy' } },
    });
    const busy = await fetch(`${mock.url}/orders`, { method: 'POST' });
    expect([busy.status, busy.headers.get('retry-after'), await busy.json()]).toEqual([
      503,
      '1',
      { error: 'busy' },
    ]);
    expect((await admin.routes()).stubs.map((s) => [s.id, s.hits])).toEqual([[stub.id, 1]]);
    expect(await admin.removeStub(stub.id)).toBe(true);
    expect(await admin.removeStub(stub.id)).toBe(false);
    expect((await fetch(`${mock.url}/orders`, { method: 'POST' })).status).toBe(201);

    expect(await admin.reset()).toEqual({ state: true, journalCleared: 5, stubsRemoved: 0 });
    expect(await admin.count()).toBe(0);
  });

  it('answers every admin call as its own OpenAPI document (loaded by our loader) says', async () => {
    const mock = await start({ scenarios: compileScenarios([CHECKOUT]) });
    const admin = createAdminClient(mock.url);
    const text = await (await fetch(`${admin.url}/openapi.json`)).text();
    const source = await loadSource('admin-openapi.json', text, {
      readFile: () => Promise.reject(new Error('the admin document is self-contained')),
    });
    expect(source.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const service = source.service as Service;
    const compiler = createSchemaCompiler(service.schemas);
    const check = async (
      operationId: string,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<unknown> => {
      const res = await fetch(`${mock.url}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      const value: unknown = await res.json();
      const operation = service.operations.find((op) => op.id === operationId);
      const response = operation?.responses.find((r) => r.status === String(res.status));
      const schema = response?.contents[0]?.schema;
      if (schema === undefined)
        throw new Error(`${operationId} answered ${res.status}, which its document does not list`);
      return { operationId, status: res.status, issues: compiler.compile(schema)(value) };
    };
    await fetch(`${mock.url}/orders/o1?x=1`, { headers: { authorization: 'Bearer secret' } });
    await fetch(`${mock.url}/nope`);
    const results = [
      await check('health', 'GET', '/__gauntlet/health'),
      await check('listServices', 'GET', '/__gauntlet/services'),
      await check('addStub', 'POST', '/__gauntlet/stubs', {
        id: 'a',
        request: { path: '/x/**', query: { q: '1' } },
        response: { status: 200, body: [1, 2] },
        priority: -1,
      }),
      await check('addStub', 'POST', '/__gauntlet/stubs', { request: {}, response: {} }),
      await check('listRoutes', 'GET', '/__gauntlet/routes'),
      await check('listStubs', 'GET', '/__gauntlet/stubs'),
      await check('listScenarios', 'GET', '/__gauntlet/scenarios'),
      await check('readJournal', 'GET', '/__gauntlet/journal'),
      await check('readJournal', 'GET', '/__gauntlet/journal?limit=x'),
      await check('countRequests', 'POST', '/__gauntlet/journal/count', { path: '/orders/*' }),
      await check('removeStub', 'DELETE', '/__gauntlet/stubs/a'),
      await check('removeStub', 'DELETE', '/__gauntlet/stubs/a'),
      await check('setScenarioState', 'PUT', '/__gauntlet/scenarios/none/state', { state: 's' }),
      await check('setScenarioState', 'PUT', '/__gauntlet/scenarios/checkout/state', {
        state: 'placed',
        session: 'u1',
      }),
      await check('clearStubs', 'DELETE', '/__gauntlet/stubs'),
      await check('clearJournal', 'DELETE', '/__gauntlet/journal'),
      await check('reset', 'POST', '/__gauntlet/reset', { stubs: true }),
    ];
    expect(results).toEqual([
      { operationId: 'health', status: 200, issues: [] },
      { operationId: 'listServices', status: 200, issues: [] },
      { operationId: 'addStub', status: 201, issues: [] },
      { operationId: 'addStub', status: 400, issues: [] },
      { operationId: 'listRoutes', status: 200, issues: [] },
      { operationId: 'listStubs', status: 200, issues: [] },
      { operationId: 'listScenarios', status: 200, issues: [] },
      { operationId: 'readJournal', status: 200, issues: [] },
      { operationId: 'readJournal', status: 400, issues: [] },
      { operationId: 'countRequests', status: 200, issues: [] },
      { operationId: 'removeStub', status: 200, issues: [] },
      { operationId: 'removeStub', status: 404, issues: [] },
      { operationId: 'setScenarioState', status: 404, issues: [] },
      { operationId: 'setScenarioState', status: 200, issues: [] },
      { operationId: 'clearStubs', status: 200, issues: [] },
      { operationId: 'clearJournal', status: 200, issues: [] },
      { operationId: 'reset', status: 200, issues: [] },
    ]);
  });

  it('lists and steers scenarios per session through the client', async () => {
    const mock = await start({ scenarios: compileScenarios([CHECKOUT]) });
    const admin = createAdminClient(mock.url);
    const order = (session: string) =>
      fetch(`${mock.url}/orders`, { method: 'POST', headers: { 'x-gauntlet-session': session } });
    expect((await order('u1')).status).toBe(201);
    expect((await order('u1')).status).toBe(409);
    expect((await order('u2')).status).toBe(201);
    expect(await admin.scenarios()).toEqual([
      {
        name: 'checkout',
        states: ['Started', 'placed'],
        initialState: 'Started',
        sessions: { u1: 'placed', u2: 'placed' },
        stubs: 2,
      },
    ]);
    await admin.setScenarioState('checkout', 'Started', 'u1');
    expect((await order('u1')).status).toBe(201);
    await admin.reset({ session: 'u2' });
    expect((await order('u2')).status).toBe(201);
    expect(await admin.count({ session: 'u2' })).toBe(1);
    expect(await admin.count({ session: 'u1' })).toBe(3);
    const unknown = await admin.setScenarioState('nope', 'x').catch((e: unknown) => e);
    expect(isGauntletError(unknown) && unknown.code).toBe('GAUNTLET_E_ADMIN_REQUEST');
  });

  it('refuses to start on a non-loopback address without a token', async () => {
    const saved = process.env.GAUNTLET_ADMIN_TOKEN;
    delete process.env.GAUNTLET_ADMIN_TOKEN;
    try {
      const error = await start({ host: '0.0.0.0' }).catch((e: unknown) => e);
      expect(isGauntletError(error) && error.code).toBe('GAUNTLET_E_ADMIN_TOKEN_REQUIRED');
    } finally {
      if (saved !== undefined) process.env.GAUNTLET_ADMIN_TOKEN = saved;
    }
  });

  it('requires the token when one is set, and the client sends it', async () => {
    const mock = await start({ adminToken: 'hunter2' });
    const anonymous = await createAdminClient(mock.url)
      .health()
      .catch((e: unknown) => e);
    expect(isGauntletError(anonymous) && anonymous.code).toBe('GAUNTLET_E_ADMIN_REQUEST');
    expect(String((anonymous as Error).message)).toContain('answered 401');
    expect((await createAdminClient(mock.url, { token: 'hunter2' }).health()).status).toBe('ok');
    // The token guards the admin API only, not the mock.
    expect((await fetch(`${mock.url}/orders`)).status).toBe(200);
  });

  it('serves the admin API on its own port when asked, leaving /__gauntlet/ to the contract', async () => {
    const mock = await start({ adminPort: 0 });
    expect(mock.adminUrl).not.toBe(`${mock.url}/__gauntlet`);
    expect((await fetch(`${mock.url}/__gauntlet/health`)).status).toBe(404);
    await fetch(`${mock.url}/orders`);
    expect(await createAdminClient(mock.adminUrl).count({ path: '/orders' })).toBe(1);
  });
});
