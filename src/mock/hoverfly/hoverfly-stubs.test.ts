import { describe, expect, it } from 'vitest';
import type { HoverflyPair, HoverflySimulation, Service } from '../../model/index.js';
import { emptyService } from '../../model/index.js';
import { compile } from '../compile.js';
import type { MockRequest } from '../types.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function service(pairs: HoverflyPair[], extra: Partial<HoverflySimulation> = {}): Service {
  const s = emptyService({ name: 'sim', title: 'sim', format: 'hoverfly-v5', file: 'sim.json' });
  s.hoverfly = {
    pairs,
    globalActions: { delays: [], delaysLogNormal: [] },
    meta: { schemaVersion: 'v5.3' },
    ...extra,
  };
  return s;
}

function pair(
  request: HoverflyPair['request'],
  body: string,
  more: Partial<HoverflyPair['response']> = {},
): HoverflyPair {
  return { request, response: { status: 200, body, headers: {}, templated: false, ...more } };
}

const req = (
  path: string,
  headers: Record<string, string> = {},
  query = '',
  body?: string,
): MockRequest => {
  const r: MockRequest = { method: 'GET', path, query, headers: { host: 'localhost', ...headers } };
  if (body !== undefined) r.body = encoder.encode(body);
  return r;
};

const text = (r: { body?: Uint8Array }) => (r.body ? decoder.decode(r.body) : '');
const exact = (value: string) => [{ matcher: 'exact', value }];
const glob = (value: string) => [{ matcher: 'glob', value }];

describe('hoverfly stubs', () => {
  it('picks the strongest match, or the first with X-Gauntlet-Match: first', () => {
    const engine = compile([
      service([
        pair({ path: glob('/pets/*') }, 'any pet'),
        pair({ path: exact('/pets/1'), method: exact('GET') }, 'pet one'),
        pair({ path: glob('/*') }, 'anything'),
      ]),
    ]);
    expect(text(engine.handle(req('/pets/1')))).toBe('pet one');
    expect(text(engine.handle(req('/pets/2')))).toBe('anything');
    expect(text(engine.handle(req('/pets/1', { 'x-gauntlet-match': 'first' })))).toBe('any pet');
    const firstByDefault = compile(
      [service([pair({ path: glob('/*') }, 'a'), pair({ path: exact('/x') }, 'b')])],
      {
        hoverflyMatch: 'first',
      },
    );
    expect(text(firstByDefault.handle(req('/x')))).toBe('a');
  });

  it('keeps the later pair on equal scores, as Hoverfly does', () => {
    const engine = compile([
      service([pair({ path: glob('/a*') }, 'first'), pair({ path: glob('/*b') }, 'second')]),
    ]);
    expect(text(engine.handle(req('/ab')))).toBe('second');
  });

  it('ignores destination and scheme by default, as Hoverfly in webserver mode does', () => {
    const engine = compile([
      service([
        pair({ destination: exact('api.one.com'), path: exact('/') }, 'one'),
        pair({ destination: glob('*.two.com'), scheme: exact('https'), path: exact('/') }, 'two'),
      ]),
    ]);
    // Equal scores: the later pair, whatever the Host.
    expect(text(engine.handle(req('/', { host: 'api.one.com' })))).toBe('two');
    expect(text(engine.handle(req('/', { host: 'three.com' })))).toBe('two');
  });

  it('matches the destination against the Host header in proxy mode, so one port mocks many hosts', () => {
    const engine = compile(
      [
        service([
          pair({ destination: exact('api.one.com'), path: exact('/') }, 'one'),
          pair({ destination: glob('*.two.com'), path: exact('/') }, 'two'),
        ]),
      ],
      { hoverflyServe: 'proxy' },
    );
    expect(text(engine.handle(req('/', { host: 'api.one.com' })))).toBe('one');
    expect(text(engine.handle(req('/', { host: 'api.one.com:8500' })))).toBe('one');
    expect(text(engine.handle(req('/', { host: 'www.two.com' })))).toBe('two');
    expect(engine.handle(req('/', { host: 'three.com' })).status).toBe(404);
  });

  it('matches query, headers, bodies and forms', () => {
    const engine = compile([
      service([
        pair(
          {
            path: exact('/q'),
            query: { page: exact('2'), tag: [{ matcher: 'array', value: ['a', 'b'] }] },
          },
          'query',
        ),
        pair({ path: exact('/h'), headers: { 'X-Api-Key': glob('k-*') } }, 'header'),
        pair(
          { path: exact('/b'), body: [{ matcher: 'jsonpartial', value: '{"kind":"cat"}' }] },
          'body',
        ),
        pair({ path: exact('/f'), form: { email: glob('*@example.com') } }, 'form'),
      ]),
    ]);
    expect(text(engine.handle(req('/q', {}, 'page=2&tag=a&tag=b')))).toBe('query');
    expect(engine.handle(req('/q', {}, 'page=2&tag=b&tag=a')).status).toBe(404);
    expect(text(engine.handle(req('/h', { 'x-api-key': 'k-1' })))).toBe('header');
    expect(text(engine.handle(req('/b', {}, '', '{"kind":"cat","name":"Tom"}')))).toBe('body');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const post = (headers: Record<string, string>): MockRequest => ({
      ...req('/f', headers, '', 'email=a%40example.com&x=1'),
      method: 'POST',
    });
    expect(text(engine.handle(post(form)))).toBe('form');
    // Go's ParseForm, which Hoverfly uses, reads url-encoded bodies of POST, PUT and PATCH only.
    expect(engine.handle(post({})).status).toBe(404);
    expect(engine.handle(req('/f', form, '', 'email=a%40example.com')).status).toBe(404);
  });

  it('starts sequence: state keys at "1", as Hoverfly does when it loads a simulation', () => {
    const engine = compile([
      service([
        pair({ path: exact('/s'), requiresState: { 'sequence:1': '1' } }, 'one', {
          transitionsState: { 'sequence:1': '2' },
        }),
        pair({ path: exact('/s'), requiresState: { 'sequence:1': '2' } }, 'two'),
        pair({ path: exact('/u'), requiresState: { other: '1' } }, 'other'),
      ]),
    ]);
    expect([text(engine.handle(req('/s'))), text(engine.handle(req('/s')))]).toEqual([
      'one',
      'two',
    ]);
    expect(engine.handle(req('/u')).status).toBe(404);
    // A reset goes back to the state as loaded, sequences at "1" again.
    engine.reset?.();
    expect(text(engine.handle(req('/s')))).toBe('one');
  });

  it('adds the Content-Type Go sniffs when a pair has none, and closes the connection for status 0', () => {
    const engine = compile([
      service([
        pair({ path: exact('/t') }, '{"a":1}'),
        pair({ path: exact('/h') }, '<html><body>x</body></html>'),
        pair({ path: exact('/e') }, ''),
        pair({ path: exact('/own') }, 'x', { headers: { 'content-type': ['application/json'] } }),
        pair({ path: exact('/zero') }, 'never sent', { status: 0 }),
      ]),
    ]);
    expect(engine.handle(req('/t')).headers).toEqual([
      ['Content-Type', 'text/plain; charset=utf-8'],
    ]);
    expect(engine.handle(req('/h')).headers).toEqual([
      ['Content-Type', 'text/html; charset=utf-8'],
    ]);
    expect(engine.handle(req('/e')).headers).toEqual([]);
    expect(engine.handle(req('/own')).headers).toEqual([['content-type', 'application/json']]);
    expect(engine.handle(req('/zero')).fault).toEqual({ kind: 'empty-reply' });
  });

  it('keeps requiresState/transitionsState/removesState per session, and resets', () => {
    const engine = compile([
      service([
        pair({ path: exact('/basket'), requiresState: { basket: 'full' } }, 'full basket'),
        pair({ path: exact('/basket') }, 'empty basket'),
        pair({ path: exact('/add') }, 'added', { transitionsState: { basket: 'full' } }),
        pair({ path: exact('/clear') }, 'cleared', { removesState: ['basket'] }),
      ]),
    ]);
    const a = { 'x-gauntlet-session': 'a' };
    const b = { 'x-gauntlet-session': 'b' };
    expect(text(engine.handle(req('/basket', a)))).toBe('empty basket');
    engine.handle(req('/add', a));
    expect(text(engine.handle(req('/basket', a)))).toBe('full basket');
    expect(text(engine.handle(req('/basket', b)))).toBe('empty basket');
    expect(text(engine.handle(req('/basket')))).toBe('empty basket');
    engine.handle(req('/clear', a));
    expect(text(engine.handle(req('/basket', a)))).toBe('empty basket');
    engine.handle(req('/add', a));
    engine.handle(req('/add', b));
    engine.reset?.('a');
    expect(text(engine.handle(req('/basket', a)))).toBe('empty basket');
    expect(text(engine.handle(req('/basket', b)))).toBe('full basket');
    engine.reset?.();
    expect(text(engine.handle(req('/basket', b)))).toBe('empty basket');
  });

  it('returns per-pair and global delays (fixed and seeded log-normal) for the adapter to honour', () => {
    const sim = service(
      [
        pair({ path: exact('/fixed') }, 'f', { fixedDelay: 250 }),
        pair({ path: exact('/lognormal') }, 'l', {
          logNormalDelay: { min: 100, max: 10000, mean: 5000, median: 500 },
        }),
        pair({ path: glob('/slow/*') }, 's'),
        pair({ path: exact('/none') }, 'n'),
      ],
      {
        globalActions: {
          delays: [{ urlPattern: 'localhost/slow/.*', httpMethod: 'GET', delay: 1000 }],
          delaysLogNormal: [],
        },
      },
    );
    const engine = compile([sim], { seed: 3 });
    expect(engine.handle(req('/fixed')).delayMs).toBe(250);
    expect(engine.handle(req('/slow/1')).delayMs).toBe(1000);
    expect(engine.handle(req('/none')).delayMs).toBeUndefined();
    const draws = Array.from({ length: 50 }, () => engine.handle(req('/lognormal')).delayMs ?? -1);
    expect(draws.every((d) => d >= 100 && d <= 10000)).toBe(true);
    const again = compile([sim], { seed: 3 });
    expect(Array.from({ length: 50 }, () => again.handle(req('/lognormal')).delayMs ?? -1)).toEqual(
      draws,
    );
    expect(new Set(draws).size).toBeGreaterThan(10);
  });

  it('serves encoded bodies as bytes and drops framing headers from recordings', () => {
    const engine = compile([
      service([
        pair({ path: exact('/bin') }, '', {
          bodyBytesBase64: Buffer.from([0, 255, 1]).toString('base64'),
          headers: { 'Content-Length': ['99'], 'Content-Type': ['application/octet-stream'] },
        }),
      ]),
    ]);
    const res = engine.handle(req('/bin'));
    expect([...(res.body ?? [])]).toEqual([0, 255, 1]);
    expect(res.headers).toEqual([['Content-Type', 'application/octet-stream']]);
  });

  it('renders templated bodies and headers from the request and state', () => {
    const engine = compile([
      service([
        pair(
          { path: glob('/pets/*') },
          '{"id":{{ Request.Path.[1] }},"q":"{{ Request.QueryParam.q }}","s":"{{ State.s }}"}',
          {
            templated: true,
            headers: { 'X-Echo': ['{{ Request.Header.X-Id }}'] },
          },
        ),
      ]),
    ]);
    const res = engine.handle(req('/pets/42', { 'x-id': 'abc' }, 'q=hi'));
    expect(text(res)).toBe('{"id":42,"q":"hi","s":""}');
    expect(res.headers).toEqual([
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['X-Echo', 'abc'],
    ]);
  });

  it('answers a miss with a 404 naming the closest pairs and why they failed', () => {
    const engine = compile([
      service([
        pair({ method: exact('POST'), path: exact('/orders') }, 'created'),
        pair(
          {
            method: exact('GET'),
            path: exact('/orders'),
            headers: { Accept: exact('application/json') },
          },
          'list',
        ),
        pair({ path: exact('/unrelated') }, 'x'),
      ]),
    ]);
    const res = engine.handle(req('/orders', { accept: 'text/html' }));
    expect(res.status).toBe(404);
    const problem = JSON.parse(text(res)) as {
      diagnostics: Array<{ code: string; message: string }>;
    };
    expect(problem.diagnostics.map((d) => d.message)).toEqual([
      'No operation matches GET /orders.',
      "Closest pair of sim: pairs[1] GET /orders — headers.Accept: expected exact 'application/json' but was 'text/html'",
      "Closest pair of sim: pairs[0] POST /orders — method: expected exact 'POST' but was 'GET'",
      "Closest pair of sim: pairs[2] * /unrelated — path: expected exact '/unrelated' but was '/orders'",
    ]);
  });

  it('finds the match among 5,000 pairs through the exact-path index', () => {
    const pairs = Array.from({ length: 5000 }, (_, i) =>
      pair({ method: exact('GET'), path: exact(`/items/${i}`) }, `item ${i}`),
    );
    const engine = compile([service(pairs)]);
    expect(text(engine.handle(req('/items/4999')))).toBe('item 4999');
    const started = performance.now();
    for (let i = 0; i < 2000; i++) engine.handle(req('/items/4999'));
    // A linear scan of 5,000 pairs × 2,000 requests would take seconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
