import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { HoverflyMatcher, HoverflySimulation, LoadedSource } from '../../model/index.js';
import { parseJsonOrYaml } from '../parse.js';
import { loadHoverfly } from './index.js';

const noFiles = async (path: string): Promise<string> => {
  throw new Error(`ENOENT: no such file ${path}`);
};

async function load(
  value: unknown,
  file = 'mocks/sim.json',
  readFile: (path: string) => Promise<string> = noFiles,
): Promise<LoadedSource> {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const parsed = parseJsonOrYaml(file, text);
  if (!parsed.ok) throw new Error('test input does not parse');
  return loadHoverfly({ file, text, document: parsed.document, readFile });
}

async function simulation(value: unknown): Promise<HoverflySimulation> {
  const source = await load(value);
  expect(source.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!source.service?.hoverfly) throw new Error('no simulation loaded');
  return source.service.hoverfly;
}

const META = { hoverflyVersion: 'v1.0.0', timeExported: '2024-01-01T00:00:00Z' };
const RESPONSE = {
  status: 200,
  body: '{"ok":true}',
  encodedBody: false,
  headers: { 'Content-Type': ['application/json'] },
};

/** The one model every schema version below must be upgraded to. */
const EXPECTED: HoverflySimulation = {
  pairs: [
    {
      request: {
        path: [{ matcher: 'exact', value: '/pets' }],
        method: [{ matcher: 'exact', value: 'GET' }],
        destination: [{ matcher: 'exact', value: 'api.example.com' }],
        scheme: [{ matcher: 'exact', value: 'https' }],
        body: [{ matcher: 'exact', value: '' }],
        headers: { Accept: [{ matcher: 'glob', value: 'application/json;text/plain' }] },
        query: {
          limit: [{ matcher: 'exact', value: '10' }],
          tag: [{ matcher: 'exact', value: 'a b' }],
        },
      },
      response: {
        status: 200,
        body: '{"ok":true}',
        headers: { 'Content-Type': ['application/json'] },
        templated: false,
      },
    },
  ],
  globalActions: { delays: [{ urlPattern: '.', delay: 100 }], delaysLogNormal: [] },
  meta: { schemaVersion: 'v5.3', ...META },
};

const V1 = {
  data: {
    pairs: [
      {
        request: {
          requestType: 'recording',
          path: '/pets',
          method: 'GET',
          destination: 'api.example.com',
          scheme: 'https',
          query: 'limit=10&tag=a%20b',
          body: '',
          headers: { Accept: ['application/json', 'text/plain'] },
        },
        response: RESPONSE,
      },
    ],
    globalActions: { delays: [{ urlPattern: '.', httpMethod: '', delay: 100 }] },
  },
  meta: { schemaVersion: 'v1', ...META },
};

const LEGACY_REQUEST = {
  path: { exactMatch: '/pets' },
  method: { exactMatch: 'GET' },
  destination: { exactMatch: 'api.example.com' },
  scheme: { exactMatch: 'https' },
  query: { exactMatch: 'limit=10&tag=a+b' },
  body: { exactMatch: '' },
  headers: { Accept: ['application/json', 'text/plain'] },
};

const V2 = {
  data: {
    pairs: [{ request: LEGACY_REQUEST, response: RESPONSE }],
    globalActions: { delays: [{ urlPattern: '.', delay: 100 }] },
  },
  meta: { schemaVersion: 'v2', ...META },
};

const V3 = {
  data: {
    pairs: [
      {
        request: {
          ...LEGACY_REQUEST,
          query: null,
          queriesWithMatchers: { limit: { exactMatch: '10' }, tag: { exactMatch: 'a b' } },
        },
        response: { ...RESPONSE, templated: false },
      },
    ],
    globalActions: { delays: [{ urlPattern: '.', httpMethod: '', delay: 100 }] },
  },
  meta: { schemaVersion: 'v3', ...META },
};

const V5 = {
  data: {
    pairs: [
      {
        request: {
          path: [{ matcher: 'exact', value: '/pets' }],
          method: [{ matcher: 'Exact', value: 'GET' }],
          destination: [{ matcher: 'exact', value: 'api.example.com' }],
          scheme: [{ matcher: '', value: 'https' }],
          body: [{ matcher: 'exact', value: '' }],
          headers: { Accept: [{ matcher: 'glob', value: 'application/json;text/plain' }] },
          query: { limit: [{ matcher: 'exact', value: '10' }] },
          deprecatedQuery: [{ matcher: 'exact', value: 'tag=a%20b' }],
        },
        response: { ...RESPONSE, templated: false },
      },
    ],
    globalActions: {
      delays: [{ urlPattern: '.', httpMethod: '', delay: 100 }],
      delaysLogNormal: [],
    },
  },
  meta: { schemaVersion: 'v5', ...META },
};

/** EXPECTED with another query matcher map (absent when `query` is undefined). */
function withQuery(query: Record<string, HoverflyMatcher[]> | undefined) {
  const [pair] = EXPECTED.pairs;
  const { query: _dropped, ...request } = pair!.request;
  return { ...EXPECTED, pairs: [{ ...pair!, request: query ? { ...request, query } : request }] };
}

describe('loadHoverfly: every schema version upgrades to the same v5.3 model', () => {
  // Hoverfly v1.10 drops whole-query-string matchers (v1–v4 `query`, v5 `deprecatedQuery`) on
  // upgrade: the real binary then matches any query. Gauntlet drops them too, with a warning.
  it.each([
    ['v1', V1, undefined, '/data/pairs/0/request/query'],
    ['v2', V2, undefined, '/data/pairs/0/request/query'],
    ['v3', V3, EXPECTED.pairs[0]?.request.query, undefined],
    [
      'v5',
      V5,
      { limit: [{ matcher: 'exact', value: '10' }] },
      '/data/pairs/0/request/deprecatedQuery',
    ],
    [
      'v5.3',
      { ...V5, meta: { ...V5.meta, schemaVersion: 'v5.3' } },
      { limit: [{ matcher: 'exact', value: '10' }] },
      '/data/pairs/0/request/deprecatedQuery',
    ],
  ])('%s', async (version, sim, query, dropped) => {
    const source = await load(sim);
    expect(source.diagnostics.map((d) => [d.severity, d.path])).toEqual(
      dropped === undefined ? [] : [['warning', dropped]],
    );
    expect(source.format).toBe('hoverfly-v5');
    expect(source.service?.sourceVersion).toBe(version);
    expect(source.service?.hoverfly).toEqual(
      query === EXPECTED.pairs[0]?.request.query ? EXPECTED : withQuery(query),
    );
  });

  it('names the service after the file and keeps nothing but the simulation', async () => {
    const source = await load(V5, 'mocks/Pet Store.v2.json');
    expect(source.service).toMatchObject({
      name: 'pet-store-v2',
      title: 'Pet Store.v2',
      format: 'hoverfly-v5',
      file: 'mocks/Pet Store.v2.json',
      operations: [],
      interactions: [],
    });
  });

  it('turns v1 template requests into globs', async () => {
    const sim = await simulation({
      data: {
        pairs: [
          {
            request: {
              requestType: 'template',
              path: '/api/*',
              method: null,
              query: null,
              headers: null,
            },
            response: { status: 204, body: '', encodedBody: false },
          },
        ],
      },
      meta: { schemaVersion: 'v1' },
    });
    expect(sim.pairs[0]?.request).toEqual({ path: [{ matcher: 'glob', value: '/api/*' }] });
  });

  it('upgrades every v2–v4 field-matcher key and merges v4 headersWithMatchers', async () => {
    const sim = await simulation({
      data: {
        pairs: [
          {
            request: {
              body: {
                exactMatch: 'a',
                globMatch: 'b*',
                regexMatch: '^c',
                jsonMatch: '{}',
                jsonPartialMatch: '{"x":1}',
                jsonPathMatch: '$.x',
                xmlMatch: '<a/>',
                xpathMatch: '/a',
              },
              headers: { 'X-One': ['1'] },
              headersWithMatchers: { 'X-One': { regexMatch: '\\d' }, 'X-Two': { globMatch: '*' } },
              requiresState: { basket: 'full' },
            },
            response: {
              status: 200,
              body: 'ok',
              templated: true,
              transitionsState: { basket: 'empty' },
              removesState: ['coupon'],
            },
          },
        ],
      },
      meta: { schemaVersion: 'v4' },
    });
    expect(sim.pairs[0]).toEqual({
      request: {
        body: [
          { matcher: 'exact', value: 'a' },
          { matcher: 'glob', value: 'b*' },
          { matcher: 'regex', value: '^c' },
          { matcher: 'json', value: '{}' },
          { matcher: 'jsonpartial', value: '{"x":1}' },
          { matcher: 'jsonpath', value: '$.x' },
          { matcher: 'xml', value: '<a/>' },
          { matcher: 'xpath', value: '/a' },
        ],
        headers: {
          'X-One': [
            { matcher: 'glob', value: '1' },
            { matcher: 'regex', value: '\\d' },
          ],
          'X-Two': [{ matcher: 'glob', value: '*' }],
        },
        requiresState: { basket: 'full' },
      },
      response: {
        status: 200,
        body: 'ok',
        headers: {},
        templated: true,
        transitionsState: { basket: 'empty' },
        removesState: ['coupon'],
      },
    });
  });
});

describe('loadHoverfly: odd shapes older writers produced', () => {
  it('reads v4 header matchers written as field-matcher objects under `headers`', async () => {
    const sim = await simulation({
      data: {
        pairs: [
          {
            request: { headers: { Accept: { globMatch: '*json*' }, Host: ['a', 'b'] } },
            response: { status: 200 },
          },
        ],
      },
      meta: { schemaVersion: 'v4' },
    });
    expect(sim.pairs[0]?.request.headers).toEqual({
      Accept: [{ matcher: 'glob', value: '*json*' }],
      Host: [{ matcher: 'glob', value: 'a;b' }],
    });
  });

  it('splits an early-v5 whole-query matcher array under `query`, skipping a match-all glob', async () => {
    const sim = await simulation({
      data: {
        pairs: [
          {
            request: {
              query: [
                { matcher: 'glob', value: 'page=*&page=2' },
                { matcher: 'glob', value: '*' },
              ],
            },
            response: { status: 200 },
          },
        ],
      },
      meta: { schemaVersion: 'v5' },
    });
    expect(sim.pairs[0]?.request.query).toEqual({ page: [{ matcher: 'glob', value: '*;2' }] });
  });

  it('warns about postActionHooks and about a body that shadows a bodyFile', async () => {
    const source = await load({
      data: {
        pairs: [
          {
            request: {},
            response: {
              status: 200,
              body: 'inline',
              bodyFile: 'x.json',
              postActionHooks: [{ name: 'callback' }],
            },
          },
        ],
      },
      meta: { schemaVersion: 'v5.3' },
    });
    expect(source.service?.hoverfly?.pairs[0]?.response.body).toBe('inline');
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['GAUNTLET_W_HOVERFLY_UPGRADE', 'warning', '/data/pairs/0/response/bodyFile'],
      ['GAUNTLET_W_HOVERFLY_UPGRADE', 'warning', '/data/pairs/0/response/postActionHooks'],
    ]);
  });

  it('parses the text itself when no parsed document is passed', async () => {
    const source = await loadHoverfly({
      file: 'a.json',
      text: JSON.stringify(V5),
      readFile: noFiles,
    });
    expect(source.service?.hoverfly).toEqual(
      withQuery({ limit: [{ matcher: 'exact', value: '10' }] }),
    );
  });
});

describe('loadHoverfly: v5.x features', () => {
  it('keeps config and doMatch chains, and lifts form body matchers into `form`', async () => {
    const sim = await simulation({
      data: {
        pairs: [
          {
            labels: ['auth'],
            request: {
              body: [
                {
                  matcher: 'jsonpath',
                  value: '$.token',
                  doMatch: { matcher: 'jwt', value: '{"header":{}}' },
                },
                {
                  matcher: 'form',
                  value: { grant_type: [{ matcher: 'exact', value: 'client_credentials' }] },
                },
              ],
              query: {
                ids: [{ matcher: 'array', value: ['1', '2'], config: { ignoreOrder: true } }],
              },
            },
            response: {
              status: 201,
              body: '',
              fixedDelay: 250,
              logNormalDelay: { min: 1, max: 9, mean: 5, median: 4 },
            },
          },
        ],
        literals: [{ name: 'answer', value: 42 }],
        variables: [{ name: 'id', function: 'faker', arguments: ['UUID'] }],
      },
      meta: { schemaVersion: 'v5.3' },
    });
    expect(sim.pairs[0]).toEqual({
      labels: ['auth'],
      request: {
        body: [
          {
            matcher: 'jsonpath',
            value: '$.token',
            doMatch: { matcher: 'jwt', value: '{"header":{}}' },
          },
        ],
        form: { grant_type: [{ matcher: 'exact', value: 'client_credentials' }] },
        query: { ids: [{ matcher: 'array', value: ['1', '2'], config: { ignoreOrder: true } }] },
      },
      response: {
        status: 201,
        body: '',
        headers: {},
        templated: false,
        fixedDelay: 250,
        logNormalDelay: { min: 1, max: 9, mean: 5, median: 4 },
      },
    });
    expect(sim.literals).toEqual([{ name: 'answer', value: 42 }]);
    expect(sim.variables).toEqual([{ name: 'id', function: 'faker', arguments: ['UUID'] }]);
  });

  it('decodes encodedBody and keeps the base64', async () => {
    const sim = await simulation({
      data: {
        pairs: [{ request: {}, response: { status: 200, body: 'aMOpbGxv', encodedBody: true } }],
      },
      meta: { schemaVersion: 'v5.2' },
    });
    expect(sim.pairs[0]?.response).toMatchObject({ body: 'héllo', bodyBytesBase64: 'aMOpbGxv' });
  });

  it('reads global log-normal delays and drops an empty httpMethod', async () => {
    const sim = await simulation({
      data: {
        pairs: [],
        globalActions: {
          delaysLogNormal: [
            { urlPattern: 'x', httpMethod: 'POST', min: 1, max: 2, mean: 3, median: 4 },
          ],
          delays: [{ urlPattern: 'y', httpMethod: '', delay: 5 }],
        },
      },
      meta: { schemaVersion: 'v5.1' },
    });
    expect(sim.globalActions).toEqual({
      delays: [{ urlPattern: 'y', delay: 5 }],
      delaysLogNormal: [
        { urlPattern: 'x', httpMethod: 'POST', min: 1, max: 2, mean: 3, median: 4 },
      ],
    });
  });

  it('drops a whole-query deprecatedQuery matcher with a warning, as Hoverfly v1.10 does', async () => {
    const source = await load({
      data: {
        pairs: [
          {
            request: { deprecatedQuery: [{ matcher: 'regex', value: 'a=.*' }] },
            response: { status: 200 },
          },
        ],
      },
      meta: { schemaVersion: 'v5' },
    });
    expect(source.service?.hoverfly?.pairs[0]?.request).toEqual({});
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['GAUNTLET_W_HOVERFLY_UPGRADE', 'warning', '/data/pairs/0/request/deprecatedQuery'],
    ]);
  });
});

describe('loadHoverfly: what Hoverfly itself accepts', () => {
  it('loads a response without a status as 0, with a warning (Hoverfly then closes the connection)', async () => {
    const source = await load({
      data: { pairs: [{ request: {}, response: { body: 'no status' } }] },
      meta: { schemaVersion: 'v5.2' },
    });
    expect(source.service?.hoverfly?.pairs[0]?.response.status).toBe(0);
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['GAUNTLET_W_HOVERFLY_UPGRADE', 'warning', '/data/pairs/0/response/status'],
    ]);
  });

  it('keeps the first of pairs with identical request matchers, as Hoverfly does on import', async () => {
    const exact = (value: string) => [{ matcher: 'exact', value }];
    const source = await load({
      data: {
        pairs: [
          {
            request: { path: exact('/a'), method: exact('GET') },
            response: { status: 200, body: '1' },
          },
          {
            request: { method: exact('GET'), path: exact('/a') },
            response: { status: 201, body: '2' },
          },
          { request: { path: exact('/a') }, response: { status: 202, body: '3' } },
        ],
      },
      meta: { schemaVersion: 'v5.2' },
    });
    expect(source.service?.hoverfly?.pairs.map((p) => p.response.body)).toEqual(['1', '3']);
    expect(source.diagnostics.map((d) => [d.severity, d.path])).toEqual([
      ['warning', '/data/pairs/1/request'],
    ]);
    expect(source.diagnostics[0]?.message).toContain(
      'data.pairs[1] has the same request matchers as data.pairs[0] and is not served',
    );
  });
});

describe('loadHoverfly: bodyFile', () => {
  const withBodyFile = (bodyFile: string) => ({
    data: { pairs: [{ request: {}, response: { status: 200, bodyFile } }] },
    meta: { schemaVersion: 'v5.3' },
  });
  const files: Record<string, string> = {
    'mocks/bodies/pet.json': '{"id":1}',
    'secret.txt': 'nope',
  };
  const readFrom = async (path: string): Promise<string> => {
    const text = files[path];
    if (text === undefined) throw new Error(`ENOENT: no such file ${path}`);
    return text;
  };

  it('reads a body file next to the simulation at load time', async () => {
    const source = await load(withBodyFile('bodies/pet.json'), 'mocks/sim.json', readFrom);
    expect(source.diagnostics).toEqual([]);
    expect(source.service?.hoverfly?.pairs[0]?.response).toEqual({
      status: 200,
      body: '{"id":1}',
      bodyFile: 'bodies/pet.json',
      headers: {},
      templated: false,
    });
  });

  it.each([
    ['../secret.txt', 'secret.txt'],
    ['bodies/../../secret.txt', 'secret.txt'],
    ['/etc/passwd', '/etc/passwd'],
  ])('refuses %s, outside the simulation folder', async (bodyFile, resolved) => {
    const read: string[] = [];
    const source = await load(withBodyFile(bodyFile), 'mocks/sim.json', async (p) => {
      read.push(p);
      return readFrom(p);
    });
    expect(read).toEqual([]);
    expect(source.service).toBeUndefined();
    expect(source.diagnostics).toEqual([
      {
        code: 'GAUNTLET_E_HOVERFLY_INVALID',
        severity: 'error',
        message: `Failed to read bodyFile ${JSON.stringify(bodyFile)}: because it resolves to ${resolved}, outside the simulation's folder. Move the file next to the simulation (or below it) and use a relative path.`,
        path: '/data/pairs/0/response/bodyFile',
        location: {
          file: 'mocks/sim.json',
          line: 8,
          column: 23,
          pointer: '/data/pairs/0/response/bodyFile',
        },
      },
    ]);
  });

  it('refuses a parent-folder path for a simulation in the working folder', async () => {
    const source = await load(withBodyFile('../x.json'), 'sim.json', readFrom);
    expect(source.diagnostics.map((d) => d.path)).toEqual(['/data/pairs/0/response/bodyFile']);
  });

  it('reports a missing body file', async () => {
    const source = await load(withBodyFile('bodies/none.json'), 'mocks/sim.json', readFrom);
    expect(source.diagnostics.map((d) => d.message)).toEqual([
      'Failed to read bodyFile "bodies/none.json" (mocks/bodies/none.json): because ENOENT: no such file mocks/bodies/none.json. Check that the file exists next to the simulation.',
    ]);
  });
});

describe('loadHoverfly: bad input is reported with pointers and positions', () => {
  it('collects every problem of a broken simulation', async () => {
    const text = `{
  "data": {
    "pairs": [
      {
        "request": { "path": { "matcher": "exact", "value": "/" } },
        "response": { "status": "200" }
      },
      {
        "request": { "method": [{ "value": "GET", "config": 1 }] },
        "response": { "status": 200, "body": "!!", "encodedBody": true }
      }
    ]
  },
  "meta": { "schemaVersion": "v5.2" }
}`;
    const source = await load(text);
    expect(source.service).toBeUndefined();
    expect(
      source.diagnostics.map((d) => [d.code, d.path, d.location?.line, d.location?.column]),
    ).toEqual([
      ['GAUNTLET_E_HOVERFLY_INVALID', '/data/pairs/0/request/path', 5, 30],
      ['GAUNTLET_E_HOVERFLY_INVALID', '/data/pairs/0/response/status', 6, 33],
      ['GAUNTLET_E_HOVERFLY_INVALID', '/data/pairs/1/request/method/0/config', 9, 61],
      ['GAUNTLET_E_HOVERFLY_INVALID', '/data/pairs/1/response/body', 10, 46],
    ]);
    expect(source.diagnostics[0]?.message).toBe(
      'Failed to read data.pairs[0].request.path: because it is not an array of matchers. Write it as [{"matcher": "exact", "value": "..."}].',
    );
  });

  it.each([
    [{ data: { pairs: [] } }, '/meta'],
    [{ data: { pairs: [] }, meta: {} }, '/meta/schemaVersion'],
    [{ data: { pairs: [] }, meta: { schemaVersion: 'v6' } }, '/meta/schemaVersion'],
    [{ data: [], meta: { schemaVersion: 'v5' } }, '/data'],
    [{ data: { pairs: {} }, meta: { schemaVersion: 'v5' } }, '/data/pairs'],
    [
      { data: { pairs: [{ request: {} }] }, meta: { schemaVersion: 'v5' } },
      '/data/pairs/0/response',
    ],
    [
      {
        data: { pairs: [{ request: { path: 1 }, response: { status: 200 } }] },
        meta: { schemaVersion: 'v2' },
      },
      '/data/pairs/0/request/path',
    ],
    [
      {
        data: { pairs: [{ request: { path: 1 }, response: { status: 200 } }] },
        meta: { schemaVersion: 'v1' },
      },
      '/data/pairs/0/request/path',
    ],
    [
      {
        data: { pairs: [], globalActions: { delays: [{ delay: 1 }] } },
        meta: { schemaVersion: 'v5' },
      },
      '/data/globalActions/delays/0/urlPattern',
    ],
  ])('rejects %j at %s', async (sim, path) => {
    const source = await load(sim);
    expect(source.service).toBeUndefined();
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['GAUNTLET_E_HOVERFLY_INVALID', 'error', path],
    ]);
  });

  it('warns about an unknown matcher name but loads', async () => {
    const source = await load({
      data: {
        pairs: [
          { request: { path: [{ matcher: 'fuzzy', value: '/' }] }, response: { status: 200 } },
        ],
      },
      meta: { schemaVersion: 'v5' },
    });
    expect(source.service?.hoverfly?.pairs[0]?.request.path).toEqual([
      { matcher: 'fuzzy', value: '/' },
    ]);
    expect(source.service?.diagnostics.map((d) => [d.severity, d.path])).toEqual([
      ['warning', '/data/pairs/0/request/path/0/matcher'],
    ]);
  });
});

const CORPUS = new URL('../../../../shared/corpus/hoverfly/', import.meta.url);

/** Every simulation in the corpus, with what loading it must give: pairs, delays, log-normal delays. */
const CORPUS_EXPECTATIONS: ReadonlyArray<readonly [string, number, number, number]> = [
  ['examples/simulations/hoverfly.io.json', 2, 0, 0],
  ['examples/journal-templating/journal-template.json', 1, 0, 0],
  ['examples/postserveaction/simulation-with-callback.json', 1, 0, 0],
  ['docs/pages/simulations/all-matchers-simulation.json', 3, 0, 0],
  ['docs/pages/simulations/basic-delay-simulation.json', 1, 1, 0],
  ['docs/pages/simulations/basic-encoded-simulation.json', 1, 0, 0],
  ['docs/pages/simulations/basic-simulation.json', 1, 0, 0],
  ['docs/pages/simulations/get-method-delay-simulation.json', 1, 1, 0],
  ['docs/pages/simulations/log-normal-delay-simulation.json', 1, 0, 1],
  ['docs/pages/simulations/multiple-hosts-delay-simulation.json', 1, 2, 0],
  ['docs/pages/simulations/multiple-locations-delay-simulation.json', 1, 3, 0],
];

describe('loadHoverfly: the shared Hoverfly corpus', () => {
  it.each(CORPUS_EXPECTATIONS)('%s loads with %i pairs', async (path, pairs, delays, logNormal) => {
    const url = new URL(path, CORPUS);
    const text = await readFile(url, 'utf8');
    const source = await load(text, url.pathname, (p) => readFile(p, 'utf8'));
    expect(source.diagnostics).toEqual([]);
    const sim = source.service?.hoverfly;
    expect(sim?.pairs.length).toBe(pairs);
    expect(sim?.globalActions.delays.length).toBe(delays);
    expect(sim?.globalActions.delaysLogNormal.length).toBe(logNormal);
  });

  it('decodes the corpus base64 body', async () => {
    const url = new URL('docs/pages/simulations/basic-encoded-simulation.json', CORPUS);
    const source = await load(await readFile(url, 'utf8'), url.pathname);
    expect(source.service?.hoverfly?.pairs[0]?.response).toMatchObject({
      body: 'base64 encoded',
      bodyBytesBase64: 'YmFzZTY0IGVuY29kZWQ=',
    });
  });
});
