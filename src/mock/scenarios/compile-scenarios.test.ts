import { describe, expect, it } from 'vitest';
import { GauntletError } from '../../errors.js';
import type { MockRequest, MockResponse } from '../types.js';
import { compileScenarios } from './compile-scenarios.js';
import { defineScenario } from './define.js';
import type { ScenarioDefinition } from './types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function req(
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: unknown } = {},
): MockRequest {
  const q = url.indexOf('?');
  return {
    method,
    path: q === -1 ? url : url.slice(0, q),
    query: q === -1 ? '' : url.slice(q + 1),
    headers: init.headers ?? {},
    ...(init.body === undefined
      ? {}
      : {
          body: encoder.encode(
            typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
          ),
        }),
  };
}

function json(response: MockResponse | undefined): unknown {
  if (response?.body === undefined) return undefined;
  return JSON.parse(decoder.decode(response.body));
}

const stock = defineScenario({
  name: 'stock-abc',
  initialState: 'in-stock',
  states: ['in-stock', 'sold-out'],
  stubs: [
    {
      state: 'in-stock',
      request: { method: 'GET', path: '/stock/abc' },
      response: { body: { sku: 'abc', available: 3 } },
    },
    {
      state: 'in-stock',
      request: { method: 'POST', path: '/reservations', body: { partialJson: { sku: 'abc' } } },
      nextState: 'sold-out',
      response: { status: 201, body: { id: 'r-1', sku: 'abc' } },
    },
    {
      state: 'sold-out',
      request: { method: 'GET', path: '/stock/abc' },
      response: { body: { sku: 'abc', available: 0 } },
    },
    {
      state: 'sold-out',
      request: { method: 'POST', path: '/reservations' },
      response: {
        status: 409,
        headers: { 'Content-Type': 'application/problem+json' },
        body: { title: 'Not enough stock', status: 409 },
      },
    },
  ],
});

describe('compileScenarios: states', () => {
  it('answers by state and moves the scenario on (WireMock model)', () => {
    const engine = compileScenarios([stock]);
    expect(engine.diagnostics).toEqual([]);
    expect(json(engine.handle(req('GET', '/stock/abc'), 's'))).toEqual({
      sku: 'abc',
      available: 3,
    });
    const reserved = engine.handle(
      req('POST', '/reservations', { body: { sku: 'abc', quantity: 1, orderId: 'o-1' } }),
      's',
    );
    expect(reserved?.status).toBe(201);
    expect(reserved?.headers).toEqual([['Content-Type', 'application/json']]);
    expect(json(engine.handle(req('GET', '/stock/abc'), 's'))).toEqual({
      sku: 'abc',
      available: 0,
    });
    expect(engine.handle(req('POST', '/reservations', { body: { sku: 'abc' } }), 's')?.status).toBe(
      409,
    );
  });

  it('falls through (undefined) when no stub matches in the current state', () => {
    const engine = compileScenarios([stock]);
    expect(engine.handle(req('GET', '/stock/xyz'), 's')).toBeUndefined();
    expect(engine.handle(req('DELETE', '/stock/abc'), 's')).toBeUndefined();
    // A body that is not the partial JSON asked for.
    expect(
      engine.handle(req('POST', '/reservations', { body: { sku: 'other' } }), 's'),
    ).toBeUndefined();
    // A miss creates no session.
    expect(engine.list()[0]?.sessions).toEqual({});
  });

  it('keeps each session its own state, even interleaved (WireMock #456)', () => {
    const engine = compileScenarios([stock]);
    const reserve = () => req('POST', '/reservations', { body: { sku: 'abc' } });
    expect(engine.handle(reserve(), 'test-a')?.status).toBe(201);
    expect(json(engine.handle(req('GET', '/stock/abc'), 'test-b'))).toEqual({
      sku: 'abc',
      available: 3,
    });
    expect(json(engine.handle(req('GET', '/stock/abc'), 'test-a'))).toEqual({
      sku: 'abc',
      available: 0,
    });
    expect(engine.handle(reserve(), 'test-b')?.status).toBe(201);
    expect(engine.handle(reserve(), 'test-a')?.status).toBe(409);
    expect(engine.list()).toEqual([
      {
        name: 'stock-abc',
        states: ['in-stock', 'sold-out'],
        initialState: 'in-stock',
        sessions: { 'test-a': 'sold-out', 'test-b': 'sold-out' },
        stubs: 4,
      },
    ]);
  });

  it('resets one session or all of them', () => {
    const engine = compileScenarios([stock]);
    const reserve = () => req('POST', '/reservations', { body: { sku: 'abc' } });
    engine.handle(reserve(), 'a');
    engine.handle(reserve(), 'b');
    engine.reset('a');
    expect(engine.list()[0]?.sessions).toEqual({ b: 'sold-out' });
    expect(engine.handle(reserve(), 'a')?.status).toBe(201);
    expect(engine.handle(reserve(), 'b')?.status).toBe(409);
    engine.reset();
    expect(engine.list()[0]?.sessions).toEqual({});
    expect(engine.handle(reserve(), 'b')?.status).toBe(201);
  });

  it('sets a state by hand, and refuses unknown scenarios and states', () => {
    const engine = compileScenarios([stock]);
    engine.setState('stock-abc', 'sold-out', 'x');
    expect(json(engine.handle(req('GET', '/stock/abc'), 'x'))).toEqual({
      sku: 'abc',
      available: 0,
    });
    engine.setState('stock-abc', 'sold-out');
    expect(json(engine.handle(req('GET', '/stock/abc'), 'default'))).toEqual({
      sku: 'abc',
      available: 0,
    });
    expect(() => engine.setState('nope', 'x')).toThrow(GauntletError);
    try {
      engine.setState('stock-abc', 'restocked');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GauntletError);
      expect((error as GauntletError).code).toBe('GAUNTLET_E_MOCK_SCENARIO_STATE');
      expect((error as GauntletError).message).toBe(
        "Failed to set the state of scenario 'stock-abc': because it has no state 'restocked'. Use one of: in-stock, sold-out.",
      );
    }
  });

  it('forgets the least recently used session beyond maxSessions', () => {
    const engine = compileScenarios([stock], { maxSessions: 2 });
    const reserve = () => req('POST', '/reservations', { body: { sku: 'abc' } });
    engine.handle(reserve(), 'a');
    engine.handle(reserve(), 'b');
    engine.handle(req('GET', '/stock/abc'), 'a'); // a is now the most recent
    engine.handle(reserve(), 'c');
    expect(Object.keys(engine.list()[0]!.sessions).sort()).toEqual(['a', 'c']);
  });
});

describe('compileScenarios: sequences', () => {
  const flaky: ScenarioDefinition = {
    name: 'flaky',
    stubs: [
      {
        request: { method: 'GET', path: '/health' },
        responses: [{ status: 503 }, { status: 503 }, { status: 200, body: 'ok' }],
      },
      {
        request: { method: 'GET', path: '/token' },
        afterLast: 'cycle',
        responses: [{ body: { t: 1 } }, { body: { t: 2 } }],
      },
    ],
  };

  it('answers the sequence in order, then repeats the last', () => {
    const engine = compileScenarios([flaky]);
    const statuses = Array.from(
      { length: 5 },
      () => engine.handle(req('GET', '/health'), 's')?.status,
    );
    expect(statuses).toEqual([503, 503, 200, 200, 200]);
  });

  it('cycles when asked, per session', () => {
    const engine = compileScenarios([flaky]);
    const t = (session: string) => json(engine.handle(req('GET', '/token'), session));
    expect([t('a'), t('a'), t('b'), t('a')]).toEqual([{ t: 1 }, { t: 2 }, { t: 1 }, { t: 1 }]);
    engine.reset('a');
    expect([t('a'), t('b')]).toEqual([{ t: 1 }, { t: 2 }]);
  });
});

describe('compileScenarios: request patterns', () => {
  const definition: ScenarioDefinition = {
    name: 'patterns',
    stubs: [
      {
        request: { method: 'GET', path: '/items/{id}', query: { view: 'full' } },
        response: { body: 'full', template: true },
      },
      {
        request: {
          method: 'GET',
          path: '/items/{id}',
          headers: { 'X-Tenant': { matches: '^t-\\d+$' } },
        },
        response: {
          template: true,
          body: { id: '{{request.path.id}}', tenant: '{{request.headers.x-tenant}}' },
        },
      },
      {
        request: { pathPattern: '/files/(?<name>[a-z]+)\\.txt' },
        response: { template: true, body: 'file {{request.path.name}}' },
      },
      {
        request: { method: 'PUT', path: '/exact', body: { equalToJson: { a: [1, { b: 2 }] } } },
        response: { status: 204 },
      },
      {
        request: { method: 'POST', path: '/text', body: { contains: 'needle' } },
        response: { status: 202 },
      },
      {
        request: {
          method: 'GET',
          path: '/q',
          query: { missing: { absent: true }, x: { contains: 'b' } },
        },
        response: { status: 299 },
      },
      { request: { method: 'GET', path: '/items/{id}' }, priority: 5, response: { status: 404 } },
    ],
  };
  const engine = compileScenarios([definition]);

  it('compiles without diagnostics', () => {
    expect(engine.diagnostics).toEqual([]);
  });

  it('matches query, header, path template and regex conditions', () => {
    expect(decoder.decode(engine.handle(req('GET', '/items/7?view=full'), 's')?.body)).toBe('full');
    expect(
      json(engine.handle(req('GET', '/items/a%20b', { headers: { 'x-tenant': 't-42' } }), 's')),
    ).toEqual({
      id: 'a b',
      tenant: 't-42',
    });
    expect(
      engine.handle(req('GET', '/items/7', { headers: { 'x-tenant': 'nope' } }), 's')?.status,
    ).toBe(404);
    expect(decoder.decode(engine.handle(req('DELETE', '/files/abc.txt'), 's')?.body)).toBe(
      'file abc',
    );
    expect(engine.handle(req('GET', '/files/ABC.txt'), 's')).toBeUndefined();
  });

  it('matches bodies: equal JSON (any key order), text contains', () => {
    expect(engine.handle(req('PUT', '/exact', { body: '{"a":[1,{"b":2}]}' }), 's')?.status).toBe(
      204,
    );
    expect(
      engine.handle(req('PUT', '/exact', { body: { a: [1, { b: 2, c: 3 }] } }), 's'),
    ).toBeUndefined();
    expect(engine.handle(req('PUT', '/exact', { body: 'not json' }), 's')).toBeUndefined();
    expect(engine.handle(req('POST', '/text', { body: 'hay needle hay' }), 's')?.status).toBe(202);
    expect(engine.handle(req('POST', '/text', { body: 'hay' }), 's')).toBeUndefined();
  });

  it('checks absent and contains on query parameters', () => {
    expect(engine.handle(req('GET', '/q?x=abc'), 's')?.status).toBe(299);
    expect(engine.handle(req('GET', '/q?x=abc&missing=1'), 's')).toBeUndefined();
    expect(engine.handle(req('GET', '/q?x=a'), 's')).toBeUndefined();
  });

  it('tries literal and templated stubs in priority, then definition order', () => {
    const ordered = compileScenarios([
      {
        name: 'order',
        stubs: [
          { request: { method: 'GET', path: '/a/{x}' }, response: { status: 201 } },
          { request: { method: 'GET', path: '/a/b' }, response: { status: 202 } },
          { request: { path: '/c/d' }, response: { status: 203 } },
          { request: { method: 'GET', path: '/c/{x}' }, response: { status: 204 } },
          { request: { method: 'GET', path: '/e/f' }, priority: 1, response: { status: 205 } },
          {
            request: { method: 'GET', pathPattern: '/e/.*' },
            priority: 0,
            response: { status: 206 },
          },
        ],
      },
    ]);
    const status = (path: string) => ordered.handle(req('GET', path), 's')?.status;
    expect([status('/a/b'), status('/c/d'), status('/c/x'), status('/e/f')]).toEqual([
      201, 203, 204, 206,
    ]);
    expect(ordered.handle(req('PATCH', '/c/d'), 's')?.status).toBe(203);
    expect(ordered.handle(req('PATCH', '/a/b'), 's')).toBeUndefined();
  });

  it('serves stubs under their service mount', () => {
    const mounted = compileScenarios([{ ...stock, service: 'inventory' }], {
      mounts: { inventory: '/inventory' },
    });
    expect(mounted.handle(req('GET', '/stock/abc'), 's')).toBeUndefined();
    expect(json(mounted.handle(req('GET', '/inventory/stock/abc'), 's'))).toEqual({
      sku: 'abc',
      available: 3,
    });
  });
});

describe('compileScenarios: templates, delays and faults', () => {
  const definition: ScenarioDefinition = {
    name: 'tpl',
    stubs: [
      {
        request: { method: 'POST', path: '/orders/{id}' },
        response: {
          status: 201,
          template: true,
          headers: { Location: '/orders/{{request.path.id}}', 'X-Static': 'yes' },
          body: {
            id: '{{request.path.id}}',
            ref: '{{uuid}}',
            n: '{{randomInt 1 1000000}}',
            at: '{{now}}',
            qty: "{{jsonPointer request.body '/qty'}}",
          },
          delay: { kind: 'log-normal', median: 50, sigma: 0.5 },
        },
      },
      {
        request: { path: '/reset' },
        response: { status: 200, fault: { kind: 'connection-reset' }, delay: 10 },
      },
      { request: { path: '/file' }, response: { bodyFile: 'stock.json' } },
    ],
  };
  const files = new Map([['stock.json', encoder.encode('{"sku":"abc"}')]]);
  const options = { seed: 3, now: () => new Date('2025-01-02T03:04:05.000Z'), files };

  it('renders templates per request with a seeded RNG per session and stub', () => {
    const engine = compileScenarios([definition], options);
    expect(engine.diagnostics).toEqual([]);
    const call = (e: typeof engine, session: string) =>
      e.handle(req('POST', '/orders/o-9', { body: { qty: 4 } }), session)!;
    const first = call(engine, 'a');
    expect(first.status).toBe(201);
    expect(first.headers).toEqual([
      ['X-Static', 'yes'],
      ['Content-Type', 'application/json'],
      ['Location', '/orders/o-9'],
    ]);
    const body = json(first) as Record<string, unknown>;
    expect(body.id).toBe('o-9');
    expect(body.at).toBe('2025-01-02T03:04:05.000Z');
    expect(body.qty).toBe(4);
    expect(typeof body.n).toBe('number');
    expect(body.ref).toMatch(/^[0-9a-f-]{36}$/);
    // The same seed, session and call order give the same values and delays in a new engine…
    expect(Number.isInteger(first.delayMs)).toBe(true);
    const again = call(compileScenarios([definition], options), 'a');
    expect(json(again)).toEqual(body);
    expect(again.delayMs).toBe(first.delayMs);
    // …the next call in the session draws new values, and another session has its own sequence.
    expect((json(call(engine, 'a')) as Record<string, unknown>).ref).not.toBe(body.ref);
    expect(
      (json(call(compileScenarios([definition], options), 'b')) as Record<string, unknown>).ref,
    ).not.toBe(body.ref);
  });

  it('puts the fault and the resolved delay on the response', () => {
    const engine = compileScenarios([definition], options);
    expect(engine.handle(req('GET', '/reset'), 's')).toEqual({
      status: 200,
      headers: [],
      delayMs: 10,
      fault: { kind: 'connection-reset' },
    });
  });

  it('serves body files given at compile time', () => {
    const engine = compileScenarios([definition], options);
    const response = engine.handle(req('GET', '/file'), 's');
    expect(response?.headers).toEqual([['Content-Type', 'application/json']]);
    expect(json(response)).toEqual({ sku: 'abc' });
  });
});

describe('compileScenarios: diagnostics', () => {
  it('reports every invalid stub with a pointer, and leaves it out', () => {
    const engine = compileScenarios([
      {
        name: 'bad',
        states: ['a'],
        initialState: 'a',
        stubs: [
          { request: { path: '/x', query: { q: { matches: '(' } } }, response: {} },
          { request: { path: '/y' }, state: 'b', nextState: 'c', response: {} },
          { request: { path: '/z' }, response: { template: true, body: { v: '{{eval 1}}' } } },
          { request: { path: '/f' }, response: { bodyFile: 'missing.json' } },
          { request: { path: 'no-slash' } },
          { request: { path: '/ok' }, response: { status: 204 } },
        ],
      },
    ]);
    expect(engine.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', '/0/stubs/0/request/query/q/matches'],
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', '/0/stubs/1/state'],
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', '/0/stubs/1/nextState'],
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', '/0/stubs/2/response/body/v'],
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', '/0/stubs/3/response/bodyFile'],
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', '/0/stubs/4/request/path'],
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', '/0/stubs/4'],
    ]);
    expect(engine.diagnostics[3]?.message).toBe(
      "Failed to compile the scenario stub at /0/stubs/2/response/body/v: because unknown helper 'eval' in {{eval 1}}: use one of now, uuid, randomInt, randomString, jsonPointer, jsonPath, or a lookup like request.query.name. Fix the scenario definition.",
    );
    expect(engine.list()[0]?.stubs).toBe(1);
    expect(engine.handle(req('GET', '/y'), 's')).toBeUndefined();
    expect(engine.handle(req('GET', '/ok'), 's')?.status).toBe(204);
    expect(engine.handle(req('GET', '/z'), 's')).toBeUndefined();
  });
});
