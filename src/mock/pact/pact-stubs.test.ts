import { describe, expect, it } from 'vitest';
import type { PactHttpInteraction, Service } from '../../model/index.js';
import { emptyService } from '../../model/index.js';
import { compile } from '../compile.js';
import type { MockRequest } from '../types.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function pactService(interactions: PactHttpInteraction[]): Service {
  const s = emptyService({ name: 'orders', title: 'orders', format: 'pact-v3', file: 'p.json' });
  s.interactions = interactions;
  s.pact = { consumer: 'c', provider: 'orders', specification: '3.0.0', metadata: {} };
  return s;
}

function interaction(
  description: string,
  request: Partial<PactHttpInteraction['request']>,
  body: unknown,
  more: Partial<PactHttpInteraction> = {},
): PactHttpInteraction {
  return {
    type: 'Synchronous/HTTP',
    description,
    providerStates: [],
    request: { method: 'GET', path: '/', ...request },
    response: { status: 200, body: { content: body, contentType: 'application/json' } },
    ...more,
  };
}

const req = (
  path: string,
  headers: Record<string, string> = {},
  query = '',
  body?: string,
): MockRequest => {
  const r: MockRequest = {
    method: body === undefined ? 'GET' : 'POST',
    path,
    query,
    headers: { host: 'stub.local:9000', ...headers },
  };
  if (body !== undefined) r.body = encoder.encode(body);
  return r;
};
const json = (r: { body?: Uint8Array }): unknown => JSON.parse(decoder.decode(r.body));
const regexRule = (regex: string) => ({
  combine: 'AND' as const,
  matchers: [{ match: 'regex' as const, regex }],
});

describe('pact stubs', () => {
  it('serves an interaction: status, headers and JSON body', () => {
    const engine = compile([
      pactService([
        interaction(
          'an order',
          { path: '/orders/1' },
          { id: 1 },
          {
            response: {
              status: 201,
              headers: { 'X-Trace': ['a', 'b'] },
              body: { content: { id: 1 }, contentType: 'application/json' },
            },
          },
        ),
      ]),
    ]);
    const res = engine.handle(req('/orders/1'));
    expect(res.status).toBe(201);
    expect(res.headers).toEqual([
      ['X-Trace', 'a, b'],
      ['Content-Type', 'application/json'],
    ]);
    expect(json(res)).toEqual({ id: 1 });
  });

  it('matches with matching rules and picks the most specific interaction, not the first (pact-stub-server #53)', () => {
    const engine = compile([
      pactService([
        interaction(
          'any order',
          { path: '/orders/1', matchingRules: { path: { $: regexRule('/orders/\\d+') } } },
          { kind: 'any' },
        ),
        interaction('order 7', { path: '/orders/7' }, { kind: 'seven' }),
        interaction(
          'order 7 with a query rule',
          {
            path: '/orders/7',
            query: { v: ['1'] },
            matchingRules: { query: { v: regexRule('\\d') } },
          },
          { kind: 'ruled query' },
        ),
        interaction(
          'order 7 with a literal query',
          { path: '/orders/7', query: { v: ['1'] } },
          { kind: 'literal query' },
        ),
      ]),
    ]);
    expect(json(engine.handle(req('/orders/7')))).toEqual({ kind: 'seven' });
    expect(json(engine.handle(req('/orders/123')))).toEqual({ kind: 'any' });
    expect(json(engine.handle(req('/orders/7', {}, 'v=1')))).toEqual({ kind: 'literal query' });
    expect(json(engine.handle(req('/orders/7', {}, 'v=2')))).toEqual({ kind: 'ruled query' });
  });

  it('matches request bodies per content type', () => {
    const engine = compile([
      pactService([
        interaction(
          'create',
          {
            method: 'POST',
            path: '/orders',
            headers: { 'Content-Type': ['application/json'] },
            body: { content: { sku: 'A' }, contentType: 'application/json' },
          },
          { ok: 'A' },
        ),
        interaction(
          'create B',
          {
            method: 'POST',
            path: '/orders',
            headers: { 'Content-Type': ['application/json'] },
            body: { content: { sku: 'B' }, contentType: 'application/json' },
          },
          { ok: 'B' },
        ),
      ]),
    ]);
    expect(
      json(
        engine.handle(req('/orders', { 'content-type': 'application/json' }, '', '{"sku":"B"}')),
      ),
    ).toEqual({ ok: 'B' });
    expect(
      engine.handle(req('/orders', { 'content-type': 'application/json' }, '', '{"sku":"C"}'))
        .status,
    ).toBe(404);
  });

  it('chooses the provider state by header or query, and prefers stateless interactions otherwise', () => {
    const engine = compile([
      pactService([
        interaction('empty', { path: '/orders' }, [], { providerStates: [{ name: 'no orders' }] }),
        interaction('one', { path: '/orders' }, [{ id: 1 }], {
          providerStates: [{ name: 'one order' }],
        }),
        interaction('default', { path: '/orders' }, ['default']),
        interaction('stateful only', { path: '/only' }, 'only', {
          providerStates: [{ name: 's' }],
        }),
      ]),
    ]);
    expect(json(engine.handle(req('/orders')))).toEqual(['default']);
    expect(json(engine.handle(req('/orders', { 'x-pact-provider-state': 'one order' })))).toEqual([
      { id: 1 },
    ]);
    expect(json(engine.handle(req('/orders', {}, 'providerState=no%20orders')))).toEqual([]);
    expect(
      json(engine.handle(req('/orders', { 'x-pact-provider-state': 'unknown state' }))),
    ).toEqual(['default']);
    // Under a JSON content type a string body is a JSON string.
    expect(json(engine.handle(req('/only')))).toBe('only');
  });

  it('applies generators: seeded random values, provider-state values and the mock server URL', () => {
    const generated = interaction(
      'generated',
      { path: '/orders/1' },
      { id: 0, owner: 'x', self: 'http://example/orders/1' },
      {
        providerStates: [{ name: 'an order', params: { owner: 'ada' } }],
      },
    );
    generated.response.generators = {
      body: {
        '$.id': { type: 'RandomInt', min: 1, max: 1000 },
        // A Pact provider-state expression, not a JS template.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Pact's own ${...} syntax
        '$.owner': { type: 'ProviderState', expression: '${owner}' },
        '$.self': {
          type: 'MockServerURL',
          example: 'http://example/orders/1',
          regex: '.*(/orders/\\d+)$',
        },
      },
    };
    const body = (seed: number) =>
      json(compile([pactService([generated])], { seed }).handle(req('/orders/1'))) as Record<
        string,
        unknown
      >;
    const first = body(1);
    expect(first.owner).toBe('ada');
    expect(first.self).toBe('http://stub.local:9000/orders/1');
    expect(first.id).toBeGreaterThanOrEqual(1);
    expect(body(1)).toEqual(first);
  });

  it('answers a miss with the closest interactions and their mismatches', () => {
    const engine = compile([
      pactService([
        interaction(
          'order 1',
          { path: '/orders/1', headers: { Accept: ['application/json'] } },
          {},
        ),
        interaction('delete', { method: 'DELETE', path: '/orders/1' }, {}),
      ]),
    ]);
    const res = engine.handle(req('/orders/1', { accept: 'text/html' }));
    expect(res.status).toBe(404);
    const problem = json(res) as { diagnostics: Array<{ code: string; message: string }> };
    expect(problem.diagnostics.slice(1).map((d) => d.code)).toEqual([
      'mock.stub.near-miss',
      'mock.stub.near-miss',
    ]);
    expect(problem.diagnostics[1]?.message).toMatch(
      /^Closest interaction of orders: GET \/orders\/1 "order 1" — .*Accept/,
    );
    expect(problem.diagnostics[2]?.message).toMatch(
      /DELETE \/orders\/1 "delete" — Expected method DELETE but received GET/,
    );
  });

  it('does not route message interactions', () => {
    const s = pactService([]);
    s.messages = [
      { type: 'Asynchronous/Messages', description: 'an event', providerStates: [], metadata: {} },
    ];
    expect(compile([s]).handle(req('/an event')).status).toBe(404);
  });

  it('finds the match among 5,000 interactions through the method+path index', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      interaction(`item ${i}`, { path: `/items/${i}` }, { i }),
    );
    const engine = compile([pactService(many)]);
    expect(json(engine.handle(req('/items/4999')))).toEqual({ i: 4999 });
    const started = performance.now();
    for (let i = 0; i < 2000; i++) engine.handle(req('/items/4999'));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
