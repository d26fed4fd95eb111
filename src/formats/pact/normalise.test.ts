import { describe, expect, it } from 'vitest';
import {
  normaliseGenerators,
  normaliseMatchingRules,
  normalisePactMessageContents,
  normalisePactRequest,
  normalisePactResponse,
  parseQueryString,
} from './normalise.js';

describe('parseQueryString', () => {
  it('splits repeated names, decodes %xx and +, keeps = inside values', () => {
    expect(parseQueryString('a=1&b=x+y&a=%2F&opt=k=v&flag')).toEqual({
      a: ['1', '/'],
      b: ['x y'],
      opt: ['k=v'],
      flag: [''],
    });
    expect(parseQueryString('')).toEqual({});
  });
});

describe('normalisePactRequest', () => {
  it('turns a V2 request into the model, regrouping flat rules', () => {
    const result = normalisePactRequest(
      {
        method: 'post',
        path: '/pets',
        query: 'limit=10',
        headers: { 'Content-Type': 'application/json' },
        body: { name: 'Rex' },
        matchingRules: {
          '$.body.name': { match: 'type' },
          '$.headers.X-Id': { regex: '\\d+' },
          '$.query.limit': { match: 'regex', regex: '\\d+' },
          '$.path': { regex: '/pets' },
        },
      },
      2,
      '/interactions/0/request',
    );
    expect(result).toEqual({
      value: {
        method: 'POST',
        path: '/pets',
        query: { limit: ['10'] },
        rawQuery: 'limit=10',
        headers: { 'Content-Type': ['application/json'] },
        body: { content: { name: 'Rex' }, contentType: 'application/json' },
        matchingRules: {
          body: { '$.name': { combine: 'AND', matchers: [{ match: 'type' }] } },
          header: { 'X-Id': { combine: 'AND', matchers: [{ match: 'regex', regex: '\\d+' }] } },
          query: { limit: { combine: 'AND', matchers: [{ match: 'regex', regex: '\\d+' }] } },
          path: { $: { combine: 'AND', matchers: [{ match: 'regex', regex: '/pets' }] } },
        },
      },
      diagnostics: [],
    });
  });

  it('keeps a missing body absent but null and empty bodies present', () => {
    expect(normalisePactRequest({ method: 'GET', path: '/' }, 3, '').value?.body).toBeUndefined();
    expect(normalisePactRequest({ body: null }, 3, '').value?.body).toEqual({ content: null });
    expect(normalisePactRequest({ body: '' }, 3, '').value?.body).toEqual({ content: '' });
  });

  it('detects XML and JSON text bodies without a Content-Type header', () => {
    expect(normalisePactRequest({ body: '<a/>' }, 2, '').value?.body).toEqual({
      content: '<a/>',
      contentType: 'application/xml',
    });
    expect(normalisePactRequest({ body: '{"a":1}' }, 2, '').value?.body).toEqual({
      content: { a: 1 },
      contentType: 'application/json',
    });
    expect(normalisePactRequest({ body: 'hello' }, 2, '').value?.body).toEqual({
      content: 'hello',
      contentType: 'text/plain',
    });
  });

  it('reads V4 bodies and keeps base64 content encoded', () => {
    const json = normalisePactRequest(
      { body: { contentType: 'application/json', encoded: false, content: { a: 1 } } },
      4,
      '',
    );
    expect(json.value?.body).toEqual({
      content: { a: 1 },
      contentType: 'application/json',
      encoded: false,
    });
    const bin = normalisePactRequest(
      { body: { contentType: 'image/png', encoded: 'base64', content: 'iVBORw==' } },
      4,
      '',
    );
    expect(bin.value?.body).toEqual({
      content: 'iVBORw==',
      contentType: 'image/png',
      encoded: 'base64',
    });
  });

  it('reports bad input with a pointer instead of throwing', () => {
    expect(normalisePactRequest('nope', 3, '/interactions/2/request')).toEqual({
      diagnostics: [
        {
          code: 'GAUNTLET_E_PACT_INVALID',
          severity: 'error',
          path: '/interactions/2/request',
          message:
            'Failed to read the request: because it is a string, not an object. Fix the pact file (or regenerate it with a Pact library).',
        },
      ],
    });
    const bad = normalisePactRequest(
      { method: 3, matchingRules: { body: { '$.a': { matchers: 'x' } } } },
      3,
      '/r',
    );
    expect(bad.diagnostics.map((d) => d.path)).toEqual([
      '/r/method',
      '/r/matchingRules/body/$.a/matchers',
    ]);
  });
});

describe('normalisePactResponse', () => {
  it('defaults the status to 200 and moves V3 status rules under $', () => {
    const result = normalisePactResponse(
      { matchingRules: { status: { matchers: [{ match: 'statusCode', status: 'success' }] } } },
      4,
      '',
    );
    expect(result.value).toEqual({
      status: 200,
      matchingRules: {
        status: { $: { combine: 'AND', matchers: [{ match: 'statusCode', status: 'success' }] } },
      },
    });
  });
});

describe('normalisePactMessageContents', () => {
  it('takes the content type from V3 metaData and puts body rules under content', () => {
    const result = normalisePactMessageContents(
      {
        contents: { id: 1 },
        metaData: { contentType: 'application/json' },
        matchingRules: { body: { '$.id': { matchers: [{ match: 'integer' }] } } },
      },
      3,
      '/messages/0',
    );
    expect(result).toEqual({
      value: {
        contents: { content: { id: 1 }, contentType: 'application/json' },
        metadata: { contentType: 'application/json' },
        matchingRules: {
          content: { '$.id': { combine: 'AND', matchers: [{ match: 'integer' }] } },
        },
      },
      diagnostics: [],
    });
  });
});

describe('normaliseMatchingRules / normaliseGenerators', () => {
  it('keeps OR combinations and warns about unknown V2 rule paths', () => {
    const result = normaliseMatchingRules(
      { '$.body.a': { match: 'type' }, '$.cookies.x': { match: 'type' } },
      2,
      '/m',
    );
    expect(result.value).toEqual({
      body: { '$.a': { combine: 'AND', matchers: [{ match: 'type' }] } },
    });
    expect(result.diagnostics.map((d) => [d.severity, d.path])).toEqual([
      ['warning', '/m/$.cookies.x'],
    ]);
    expect(
      normaliseMatchingRules(
        { query: { q: { combine: 'OR', matchers: [{ match: 'regex', regex: 'a' }] } } },
        3,
        '',
      ).value,
    ).toEqual({ query: { q: { combine: 'OR', matchers: [{ match: 'regex', regex: 'a' }] } } });
  });

  // A Pact provider-state expression: `${id}` is replaced from the provider state's params.
  const PETS_BY_ID = ['/pets/$', '{id}'].join('');

  it('moves path generators under $', () => {
    expect(
      normaliseGenerators(
        {
          path: { type: 'ProviderState', expression: PETS_BY_ID },
          body: { '$.id': { type: 'Uuid' } },
        },
        3,
        '',
      ).value,
    ).toEqual({
      path: { $: { type: 'ProviderState', expression: PETS_BY_ID } },
      body: { '$.id': { type: 'Uuid' } },
    });
  });
});

describe('robustness', () => {
  const garbage: unknown[] = [
    null,
    42,
    [],
    { headers: 'x', query: 7, body: undefined, matchingRules: [] },
    { matchingRules: { body: { $: { matchers: [null, 3, { match: 5 }] } } }, generators: 'x' },
    { status: 'abc', headers: { a: [{}] } },
    { contents: { content: 'e30=', encoded: 'json', contentType: 'application/json' } },
  ];

  it.each(garbage.map((g) => [JSON.stringify(g) ?? String(g), g]))(
    'never throws and reports with a code and a pointer: %s',
    (_, input) => {
      for (const version of [1, 2, 3, 4] as const) {
        for (const fn of [
          normalisePactRequest,
          normalisePactResponse,
          normalisePactMessageContents,
        ]) {
          const result = fn(input, version, '/x');
          for (const d of result.diagnostics) {
            expect(d.code).toBe('GAUNTLET_E_PACT_INVALID');
            expect(d.path?.startsWith('/x')).toBe(true);
          }
        }
      }
    },
  );

  it('rejects a non-object with no value', () => {
    expect(normalisePactResponse(42, 3, '/r').value).toBeUndefined();
    expect(normalisePactMessageContents(null, 4, '/m').value).toBeUndefined();
  });
});
