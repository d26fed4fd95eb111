import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockSession, SESSION_HEADER } from './mock-session.js';
import { useMocks } from './use-mocks.js';

const ORDERS = 'contracts/openapi/orders.yaml';
const INVENTORY = 'contracts/openapi/inventory.yaml';

describe('useMocks', () => {
  const mocks = useMocks({ contracts: { orders: ORDERS, inventory: [INVENTORY] } });
  const sessions: string[] = [];

  it('serves each contract set at its own typed base URL', async () => {
    expect(Object.keys(mocks.urls).sort()).toEqual(['inventory', 'orders']);
    expect(mocks.urls.orders).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mocks.urls.inventory).not.toEqual(mocks.urls.orders);
    const res = await mocks.fetch(`${mocks.urls.orders}/health`);
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    sessions.push(mocks.session);
  });

  it('gives every test its own session, sent as X-Gauntlet-Session', () => {
    sessions.push(mocks.session);
    expect(mocks.headers()).toEqual({ [SESSION_HEADER]: mocks.session });
    // Names are cut at 48 characters.
    expect(sessions).toEqual([
      't1-serves-each-contract-set-at-its-own-typed-base-u',
      't2-gives-every-test-its-own-session-sent-as-x-gaunt',
    ]);
  });

  // The request below reaches no operation, so the afterEach hook fails this test: `it.fails`
  // turns that expected failure into a pass (and would fail if the miss went unnoticed).
  it.fails('fails the test that made a request no contract describes', async () => {
    const res = await mocks.fetch(`${mocks.urls.orders}/orderz/o-1`);
    expect(res.status).toEqual(404);
  });

  it('does not count a 404 the contract itself answers as a miss', async () => {
    const res = await mocks.fetch(`${mocks.urls.orders}/orders/o-9`, {
      headers: { 'x-user': 'ann', prefer: 'code=404' },
    });
    expect(res.status).toEqual(404);
    expect(mocks.misses).toEqual([]);
  });
});

describe('MockSession', () => {
  const session = new MockSession({ contracts: { orders: ORDERS } });
  beforeAll(() => session.start());
  afterAll(() => session.stop());

  it('collects the misses of a test with the mock’s explanation', async () => {
    session.beginTest('misses');
    await session.fetch(`${session.urls.orders}/orderz/o-1?x=1`);
    await session.fetch(`${session.urls.orders}/health`, { method: 'DELETE' });
    const misses = await session.endTest();
    expect(misses.map(({ explanation: _e, ...rest }) => rest)).toEqual([
      { mock: 'orders', method: 'GET', target: '/orderz/o-1?x=1', status: 404 },
      { mock: 'orders', method: 'DELETE', target: '/health', status: 405 },
    ]);
    // The engine's own words, near misses included: the closest operation is named.
    expect(misses[0]!.explanation).toMatch(/^Failed to route GET \/orderz\/o-1: because /);
    expect(misses[0]!.explanation).toContain('GET /orders/{id}');
    expect(misses[1]!.explanation).toMatch(
      /DELETE is not allowed on \/health; the contract allows GET/,
    );
    // The next test starts clean.
    session.beginTest('clean');
    expect(await session.endTest()).toEqual([]);
  });
});
