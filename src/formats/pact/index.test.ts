import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { LoadedSource, PactHttpInteraction } from '../../model/index.js';
import { parseJsonOrYaml } from '../parse.js';
import { loadPact } from './index.js';
import { normalisePactRequest, normalisePactResponse } from './normalise.js';

const noFiles = async (path: string): Promise<string> => {
  throw new Error(`no file ${path}`);
};

function load(value: unknown, file = 'pacts/web-api.json'): Promise<LoadedSource> {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return loadPact({ file, text, readFile: noFiles });
}

const PARTIES = { consumer: { name: 'Web' }, provider: { name: 'Pet Store API' } };

/** The parts of an HTTP interaction the loader itself decides (the rest is normalise.ts's). */
function shape(i: PactHttpInteraction | undefined) {
  if (!i) throw new Error('no interaction');
  const { request, response, source, ...rest } = i;
  return rest;
}

describe('loadPact: one small pact per specification version', () => {
  it('V1 (pactSpecificationVersion, provider_state written by pact-ruby)', async () => {
    const raw = {
      ...PARTIES,
      interactions: [
        {
          description: 'a request for pets',
          provider_state: 'pets exist',
          request: { method: 'get', path: '/pets', query: 'limit=10&tag=a' },
          response: {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: [{ id: 1 }],
          },
        },
      ],
      metadata: { pactSpecificationVersion: '1.0.0' },
    };
    const source = await load(raw);
    expect(source.diagnostics).toEqual([]);
    expect(source.format).toBe('pact-v1');
    const service = source.service;
    expect(service).toMatchObject({
      name: 'pet-store-api',
      title: 'Pet Store API',
      format: 'pact-v1',
      sourceVersion: '1.0.0',
      file: 'pacts/web-api.json',
      pact: {
        consumer: 'Web',
        provider: 'Pet Store API',
        specification: '1.0.0',
        metadata: raw.metadata,
      },
      messages: [],
    });
    expect(shape(service?.interactions[0])).toEqual({
      type: 'Synchronous/HTTP',
      description: 'a request for pets',
      providerStates: [{ name: 'pets exist' }],
    });
    expect(service?.interactions[0]?.request).toMatchObject({
      method: 'GET',
      path: '/pets',
      query: { limit: ['10'], tag: ['a'] },
    });
    expect(service?.interactions[0]?.source).toEqual({
      file: 'pacts/web-api.json',
      line: 9,
      column: 5,
      pointer: '/interactions/0',
    });
  });

  it('V1.1 (pact-specification.version)', async () => {
    const source = await load({
      ...PARTIES,
      interactions: [
        { description: 'd', request: { method: 'GET', path: '/' }, response: { status: 204 } },
      ],
      metadata: { 'pact-specification': { version: '1.1.0' } },
    });
    expect(source.diagnostics).toEqual([]);
    expect(source.service?.pact?.specification).toBe('1.1.0');
    expect(source.format).toBe('pact-v1.1');
  });

  it('V2 (providerState string, flat matching rules handed to the V2 normaliser)', async () => {
    const interaction = {
      description: 'a pet',
      providerState: 'pet 1 exists',
      request: { method: 'GET', path: '/pets/1' },
      response: {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: { id: 1 },
        matchingRules: { '$.body.id': { match: 'type' } },
      },
    };
    const source = await load({
      ...PARTIES,
      interactions: [interaction],
      metadata: { pactSpecification: { version: '2.0.0' } },
    });
    expect(source.diagnostics).toEqual([]);
    expect(source.format).toBe('pact-v2');
    const loaded = source.service?.interactions[0];
    expect(shape(loaded)).toEqual({
      type: 'Synchronous/HTTP',
      description: 'a pet',
      providerStates: [{ name: 'pet 1 exists' }],
    });
    expect(loaded?.response).toEqual(
      normalisePactResponse(interaction.response, 2, '/interactions/0/response').value,
    );
    expect(loaded?.response.matchingRules).toEqual({
      body: { '$.id': { combine: 'AND', matchers: [{ match: 'type' }] } },
    });
  });

  it('V3 (providerStates with params, and a message pact)', async () => {
    const source = await load({
      ...PARTIES,
      interactions: [
        {
          description: 'create a pet',
          providerStates: [{ name: 'no pets', params: { owner: 7 } }, { name: 'logged in' }],
          request: {
            method: 'POST',
            path: '/pets',
            headers: { 'Content-Type': 'application/json' },
            body: { name: 'Rex' },
          },
          response: { status: 201 },
        },
      ],
      messages: [
        {
          description: 'a pet was created',
          providerStates: [{ name: 'a pet' }],
          contents: { id: 1 },
          metaData: { contentType: 'application/json' },
          matchingRules: { body: { '$.id': { matchers: [{ match: 'integer' }] } } },
        },
      ],
      metadata: { pactSpecification: { version: '3.0.0' } },
    });
    expect(source.diagnostics).toEqual([]);
    expect(source.format).toBe('pact-v3');
    expect(shape(source.service?.interactions[0])).toEqual({
      type: 'Synchronous/HTTP',
      description: 'create a pet',
      providerStates: [{ name: 'no pets', params: { owner: 7 } }, { name: 'logged in' }],
    });
    expect(source.service?.messages).toEqual([
      {
        type: 'Asynchronous/Messages',
        description: 'a pet was created',
        providerStates: [{ name: 'a pet' }],
        source: { file: 'pacts/web-api.json', line: 38, column: 5, pointer: '/messages/0' },
        contents: { content: { id: 1 }, contentType: 'application/json' },
        metadata: { contentType: 'application/json' },
        matchingRules: {
          content: { '$.id': { combine: 'AND', matchers: [{ match: 'integer' }] } },
        },
      },
    ]);
  });

  it('V4 (HTTP, asynchronous and synchronous messages; key, pending, comments)', async () => {
    const http = {
      type: 'Synchronous/HTTP',
      key: 'k1',
      pending: true,
      comments: { text: ['flaky upstream'], testname: 'pets.test.ts' },
      description: 'list pets',
      providerStates: [{ name: 'pets exist' }],
      request: { method: 'GET', path: '/pets', query: { limit: ['10'] } },
      response: {
        status: 200,
        body: { content: [{ id: 1 }], contentType: 'application/json', encoded: false },
      },
    };
    const source = await load({
      ...PARTIES,
      interactions: [
        http,
        {
          type: 'Asynchronous/Messages',
          description: 'pet created',
          pending: false,
          contents: { content: { id: 1 }, contentType: 'application/json', encoded: false },
          metadata: { topic: 'pets' },
        },
        {
          type: 'Synchronous/Messages',
          description: 'get pet over a queue',
          request: { contents: { content: { id: 1 }, contentType: 'application/json' } },
          response: [
            { contents: { content: { id: 1, name: 'Rex' }, contentType: 'application/json' } },
          ],
        },
      ],
      metadata: { pactSpecification: { version: '4.0' } },
    });
    expect(source.diagnostics).toEqual([]);
    expect(source.format).toBe('pact-v4');
    expect(source.service?.pact?.specification).toBe('4.0');
    const [loaded] = source.service?.interactions ?? [];
    expect(shape(loaded)).toEqual({
      type: 'Synchronous/HTTP',
      key: 'k1',
      pending: true,
      comments: { text: ['flaky upstream'], testname: 'pets.test.ts' },
      description: 'list pets',
      providerStates: [{ name: 'pets exist' }],
    });
    expect(loaded?.request).toEqual(
      normalisePactRequest(http.request, 4, '/interactions/0/request').value,
    );
    expect(source.service?.messages.map((m) => [m.type, m.description, m.source?.pointer])).toEqual(
      [
        ['Asynchronous/Messages', 'pet created', '/interactions/1'],
        ['Synchronous/Messages', 'get pet over a queue', '/interactions/2'],
      ],
    );
    const [async, sync] = source.service?.messages ?? [];
    expect(async).toMatchObject({ metadata: { topic: 'pets' }, contents: { content: { id: 1 } } });
    expect(async?.pending).toBeUndefined();
    if (sync?.type !== 'Synchronous/Messages') throw new Error('expected a synchronous message');
    expect(sync.request.contents?.content).toEqual({ id: 1 });
    expect(sync.response.map((r) => r.contents?.content)).toEqual([{ id: 1, name: 'Rex' }]);
  });

  it('tolerates a UTF-8 byte order mark and still locates interactions', async () => {
    const text = `\uFEFF${JSON.stringify({ ...PARTIES, interactions: [{ description: 'd', request: { method: 'GET', path: '/' }, response: { status: 200 } }], metadata: { pactSpecification: { version: '2.0.0' } } })}`;
    const source = await load(text);
    expect(source.diagnostics).toEqual([]);
    expect(source.service?.interactions[0]?.source).toEqual({
      file: 'pacts/web-api.json',
      line: 1,
      column: 80,
      pointer: '/interactions/0',
    });
  });

  it('reads a pact given as YAML', async () => {
    const text =
      'consumer: {name: Web}\nprovider: {name: API}\ninteractions:\n  - description: d\n    request: {method: GET, path: /}\n    response: {status: 200}\nmetadata: {pactSpecification: {version: "3.0.0"}}\n';
    const parsed = parseJsonOrYaml('p.yaml', text);
    if (!parsed.ok) throw new Error('bad yaml');
    const source = await loadPact({
      file: 'p.yaml',
      text,
      document: parsed.document,
      readFile: noFiles,
    });
    expect(source.diagnostics).toEqual([]);
    expect(source.service?.interactions[0]?.source).toEqual({
      file: 'p.yaml',
      line: 4,
      column: 5,
      pointer: '/interactions/0',
    });
  });
});

describe('loadPact: version detection without metadata', () => {
  const interaction = {
    description: 'd',
    request: { method: 'GET', path: '/' },
    response: { status: 200 },
  };
  it.each([
    // As the Pact reference implementation (pact_models) reads a pact without a version.
    ['plain interactions → V3', { interactions: [interaction] }, 'pact-v3', '3.0.0'],
    [
      'flat V2 matching rules → V3, which reads them too',
      {
        interactions: [
          {
            ...interaction,
            response: { status: 200, matchingRules: { '$.body.id': { match: 'type' } } },
          },
        ],
      },
      'pact-v3',
      '3.0.0',
    ],
    ['messages → V3', { messages: [{ description: 'm', contents: 'x' }] }, 'pact-v3', '3.0.0'],
    [
      'interaction types → V4',
      { interactions: [{ ...interaction, type: 'Synchronous/HTTP' }] },
      'pact-v4',
      '4.0',
    ],
  ])('%s, with a warning', async (_name, body, format, specification) => {
    const source = await load({ ...PARTIES, ...body });
    expect(source.format).toBe(format);
    expect(source.service?.pact?.specification).toBe(specification);
    expect(source.service?.sourceVersion).toBeUndefined();
    expect(source.diagnostics).toEqual([
      {
        code: 'GAUNTLET_W_PACT_VERSION',
        severity: 'warning',
        message: `pacts/web-api.json does not say which Pact specification it follows; it is read as V${specification}. Add "metadata": {"pactSpecification": {"version": "${specification}"}}.`,
        path: '/metadata',
        location: { file: 'pacts/web-api.json', line: 1, column: 1, pointer: '/metadata' },
      },
    ]);
  });

  it.each([
    ['3', 'pact-v3'],
    ['2.0', 'pact-v2'],
    ['4.0.0', 'pact-v4'],
    ['1.1', 'pact-v1.1'],
  ])('reads the short version %s', async (version, format) => {
    const source = await load({
      ...PARTIES,
      interactions: [interaction],
      metadata: { pactSpecification: { version } },
    });
    expect(source.format).toBe(format);
    expect(source.service?.sourceVersion).toBe(version);
  });
});

describe('loadPact: an unusable version is read as the Pact reference implementation reads it', () => {
  const interaction = {
    description: 'd',
    request: { method: 'GET', path: '/', query: 'a=1' },
    response: { status: 200, body: { ok: true } },
  };
  it.each([
    [
      'null',
      null,
      'declares the Pact specification version as null at /metadata/pactSpecification/version',
    ],
    [
      '"5.0"',
      '5.0',
      'declares the Pact specification version "5.0", which is not one Gauntlet knows',
    ],
    ['""', '', 'declares the Pact specification version "", which is not one Gauntlet knows'],
  ])('version %s: loads as V3 with a warning at the version', async (_name, version, because) => {
    const source = await load({
      ...PARTIES,
      interactions: [interaction],
      metadata: { pactSpecification: { version } },
    });
    expect(source.format).toBe('pact-v3');
    expect(source.service?.interactions).toHaveLength(1);
    expect(source.service?.interactions[0]?.request.query).toEqual({ a: ['1'] });
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.path, d.message])).toEqual([
      [
        'GAUNTLET_W_PACT_VERSION',
        'warning',
        '/metadata/pactSpecification/version',
        `pacts/web-api.json ${because}; it is read as V3.0.0. Add "metadata": {"pactSpecification": {"version": "3.0.0"}}.`,
      ],
    ]);
  });

  it('a V4 pact with a null version is still read as V4 (its interactions name their type)', async () => {
    const source = await load({
      ...PARTIES,
      interactions: [{ ...interaction, type: 'Synchronous/HTTP' }],
      metadata: { pactSpecification: { version: null } },
    });
    expect(source.format).toBe('pact-v4');
    expect(source.service?.interactions).toHaveLength(1);
  });
});

describe('loadPact: bad pacts are rejected with pointers', () => {
  const ok = { description: 'd', request: { method: 'GET', path: '/' }, response: { status: 200 } };
  const v = (version: string) => ({ pactSpecification: { version } });
  it.each([
    [
      'no consumer',
      { provider: PARTIES.provider, interactions: [ok], metadata: v('3.0.0') },
      '/consumer',
    ],
    [
      'a provider without a name',
      { consumer: PARTIES.consumer, provider: {}, interactions: [ok], metadata: v('3.0.0') },
      '/provider/name',
    ],
    [
      'interactions that are not an array',
      { ...PARTIES, interactions: {}, metadata: v('3.0.0') },
      '/interactions',
    ],
    ['neither interactions nor messages', { ...PARTIES, metadata: v('3.0.0') }, ''],
    [
      'an interaction without a description',
      { ...PARTIES, interactions: [{ ...ok, description: 1 }], metadata: v('3.0.0') },
      '/interactions/0/description',
    ],
    [
      'an interaction that is not an object',
      { ...PARTIES, interactions: [ok, 'x'], metadata: v('3.0.0') },
      '/interactions/1',
    ],
    [
      'a provider state without a name',
      {
        ...PARTIES,
        interactions: [{ ...ok, providerStates: [{ params: {} }] }],
        metadata: v('3.0.0'),
      },
      '/interactions/0/providerStates/0',
    ],
    [
      'provider state params that are not an object',
      {
        ...PARTIES,
        interactions: [{ ...ok, providerStates: [{ name: 's', params: [] }] }],
        metadata: v('3.0.0'),
      },
      '/interactions/0/providerStates/0/params',
    ],
    [
      'a V2 providerState that is not a string',
      { ...PARTIES, interactions: [{ ...ok, providerState: 3 }], metadata: v('2.0.0') },
      '/interactions/0/providerState',
    ],
    [
      'an unknown V4 interaction type',
      {
        ...PARTIES,
        interactions: [{ ...ok, type: 'Synchronous/Carrier-Pigeon' }],
        metadata: v('4.0'),
      },
      '/interactions/0/type',
    ],
    [
      'a V4 pending flag that is not a boolean',
      {
        ...PARTIES,
        interactions: [{ ...ok, type: 'Synchronous/HTTP', pending: 'no' }],
        metadata: v('4.0'),
      },
      '/interactions/0/pending',
    ],
    [
      'a synchronous message whose response is not an array',
      {
        ...PARTIES,
        interactions: [
          { type: 'Synchronous/Messages', description: 'm', request: {}, response: {} },
        ],
        metadata: v('4.0'),
      },
      '/interactions/0/response',
    ],
    [
      'a request that is not an object',
      { ...PARTIES, interactions: [{ ...ok, request: 'GET /' }], metadata: v('3.0.0') },
      '/interactions/0/request',
    ],
  ])('%s', async (_name, pact, path) => {
    const source = await load(pact);
    expect(source.service).toBeUndefined();
    const errors = source.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.path])).toEqual([['GAUNTLET_E_PACT_INVALID', path]]);
    expect(errors[0]?.location?.file).toBe('pacts/web-api.json');
    expect(errors[0]?.location?.line).toBeGreaterThan(0);
  });

  it('gives the line of a problem found by the normaliser', async () => {
    const text = `{
  "consumer": {"name": "Web"},
  "provider": {"name": "API"},
  "interactions": [
    {
      "description": "d",
      "request": {"method": 7, "path": "/"},
      "response": {"status": 200}
    }
  ],
  "metadata": {"pactSpecification": {"version": "3.0.0"}}
}`;
    const source = await load(text);
    expect(source.diagnostics.map((d) => [d.path, d.location?.line, d.location?.column])).toEqual([
      ['/interactions/0/request/method', 7, 29],
    ]);
  });
});

const CORPUS = new URL('../../../../shared/corpus/pacts/', import.meta.url);

/** Every pact in the corpus: format, HTTP interactions, messages, provider service name. */
const CORPUS_EXPECTATIONS: Record<string, readonly [string, number, number, string]> = {
  'pact-js-core/test/integration/grpc/grpc.json': ['pact-v4', 1, 1, 'grpcprovider'],
  'pact-js-core/test/integration/me-they-weird path-success.json': ['pact-v2', 1, 0, 'they'],
  'pact-js-core/test/integration/me-they-multi.json': ['pact-v2', 2, 0, 'they'],
  'pact-js-core/test/integration/me-they-success.json': ['pact-v2', 1, 0, 'they'],
  'pact-js-core/test/integration/publish-verification-example-fail.json': ['pact-v2', 1, 0, 'they'],
  'pact-js-core/test/integration/publish-verification-example weird path-success.json': [
    'pact-v2',
    1,
    0,
    'they',
  ],
  'pact-js-core/test/integration/data/get-provider_they-consumer_anotherclient-latest.json': [
    'pact-v2',
    1,
    0,
    'they',
  ],
  'pact-js-core/test/integration/data/get-noauth-provider_they-consumer_me-latest.json': [
    'pact-v2',
    1,
    0,
    'they',
  ],
  'pact-js-core/test/integration/data/get-noauth-provider_they-consumer_anotherclient-latest.json':
    ['pact-v2', 1, 0, 'they'],
  'pact-js-core/test/integration/data/get-provider_they-consumer_me-latest.json': [
    'pact-v2',
    1,
    0,
    'they',
  ],
  'pact-js-core/test/integration/me-they-post-success.json': ['pact-v2', 1, 0, 'they'],
  'pact-js-core/test/integration/publish-verification-example-success.json': [
    'pact-v2',
    1,
    0,
    'they',
  ],
  'pact-js-core/test/integration/me-they-fail.json': ['pact-v2', 1, 0, 'they'],
  'pact-js-core/test/integration/me-they-post-regex-success.json': ['pact-v2', 1, 0, 'they'],
  'pact-js-core/test/integration/me-they-states.json': ['pact-v2', 1, 0, 'they'],
  'pact-js-core/test/__testoutput__/matt-consumer-matt-provider.json': [
    'pact-v4',
    1,
    0,
    'matt-provider',
  ],
  'pact-js-core/test/__testoutput__/matt-tcp-consumer-matt-tcp-provider.json': [
    'pact-v4',
    0,
    1,
    'matt-tcp-provider',
  ],
  'pact-python/tests/assets/pacts/basic.json': ['pact-v2', 0, 0, 'example-producer'],
  'pact-js/regression/v3/run-specific-verifications/filter-by-PACT_PROVIDER_NO_STATE.json': [
    'pact-v3',
    4,
    0,
    'filter-provider',
  ],
  'pact-js/regression/v3/run-specific-verifications/filter-by-PACT_PROVIDER_STATE.json': [
    'pact-v3',
    4,
    0,
    'filter-provider',
  ],
  'pact-js/regression/v3/run-specific-verifications/filter-by-PACT_DESCRIPTION.json': [
    'pact-v3',
    3,
    0,
    'filter-provider',
  ],
};

describe('loadPact: the shared pact corpus', () => {
  it('lists every pact file of the corpus', async () => {
    const files = (await readdir(CORPUS, { recursive: true }))
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(Object.keys(CORPUS_EXPECTATIONS).sort());
  });

  it.each(Object.entries(CORPUS_EXPECTATIONS))(
    '%s',
    async (path, [format, http, messages, name]) => {
      const url = new URL(path, CORPUS);
      const source = await load(await readFile(url, 'utf8'), url.pathname);
      expect(source.diagnostics).toEqual([]);
      expect(source.format).toBe(format);
      expect(source.service?.name).toBe(name);
      expect(source.service?.interactions.length).toBe(http);
      expect(source.service?.messages.length).toBe(messages);
      for (const item of [
        ...(source.service?.interactions ?? []),
        ...(source.service?.messages ?? []),
      ]) {
        expect(item.source?.line).toBeGreaterThan(0);
      }
    },
  );

  it('reads the pact-ruby provider_state of me-they-states.json', async () => {
    const url = new URL('pact-js-core/test/integration/me-they-states.json', CORPUS);
    const source = await load(await readFile(url, 'utf8'), url.pathname);
    expect(source.service?.interactions[0]?.providerStates).toEqual([
      { name: 'There is a greeting' },
    ]);
  });
});
