import { describe, expect, it } from 'vitest';
import type { PactHttpRequest } from '../../model/pact.js';
import { matchMessage, matchRequest, matchResponse } from './match-interaction.js';

const get = (over: Partial<PactHttpRequest> = {}): PactHttpRequest => ({
  method: 'GET',
  path: '/pets',
  ...over,
});
const brief = (ms: ReturnType<typeof matchRequest>) =>
  ms.map((m) => `${m.kind} ${m.path}: ${m.message}`);

describe('matchRequest', () => {
  it('matches method case-insensitively and the path exactly', () => {
    expect(matchRequest(get(), get({ method: 'get' }))).toEqual([]);
    expect(brief(matchRequest(get(), get({ method: 'POST', path: '/pets/' })))).toEqual([
      'method $: Expected method GET but received POST',
      "path $: Expected path '/pets' but received '/pets/'",
    ]);
  });

  it('uses path rules', () => {
    const expected = get({
      path: '/pets/1',
      matchingRules: {
        path: { $: { combine: 'AND', matchers: [{ match: 'regex', regex: '/pets/\\d+' }] } },
      },
    });
    expect(matchRequest(expected, get({ path: '/pets/42' }))).toEqual([]);
    expect(brief(matchRequest(expected, get({ path: '/pets/x' })))).toEqual([
      "path $: Expected '/pets/x' to match '/pets/\\d+'",
    ]);
  });

  it('compares query parameters in order, flags missing and unexpected ones', () => {
    const expected = get({ query: { a: ['1', '2'], b: ['x'] } });
    expect(matchRequest(expected, get({ query: { b: ['x'], a: ['1', '2'] } }))).toEqual([]);
    expect(brief(matchRequest(expected, get({ query: { a: ['2', '1'], c: ['y'] } })))).toEqual([
      `query a: Expected query parameter 'a' to be ["1","2"] but received ["2","1"]`,
      "query b: Expected query parameter 'b' but was missing",
      "query c: Unexpected query parameter 'c' received",
    ]);
  });

  it('applies query rules to every value', () => {
    const expected = get({
      query: { id: ['1'] },
      matchingRules: { query: { id: { combine: 'AND', matchers: [{ match: 'integer' }] } } },
    });
    expect(matchRequest(expected, get({ query: { id: ['5', '6'] } }))).toEqual([]);
    expect(brief(matchRequest(expected, get({ query: { id: ['x'] } })))).toEqual([
      "query id: Expected 'x' to be an integer number",
    ]);
  });

  it('compares headers by name case-insensitively, comma lists and media types', () => {
    const expected = get({
      headers: { Accept: ['a, b'], 'Content-Type': ['application/json;charset=utf-8'] },
    });
    expect(
      matchRequest(
        expected,
        get({
          headers: {
            ACCEPT: ['a,b'],
            'content-type': ['application/json; charset=UTF-8; x=1'],
            X: ['y'],
          },
        }),
      ),
    ).toEqual([]);
    expect(brief(matchRequest(expected, get({ headers: { accept: ['b, a'] } })))).toEqual([
      "header Accept: Expected header 'Accept' to have value 'a, b' but was 'b, a'",
      "header Content-Type: Expected a header 'Content-Type' but was missing",
    ]);
  });

  it('forbids unexpected keys in request bodies', () => {
    const expected = get({ body: { content: { a: 1 }, contentType: 'application/json' } });
    expect(
      brief(
        matchRequest(
          expected,
          get({ body: { content: { a: 1, b: 2 }, contentType: 'application/json' } }),
        ),
      ),
    ).toEqual(['body $: Expected a Map with keys [a] but received one with keys [a, b]']);
  });

  it('treats a missing expected body as "anything" and an empty one as "nothing"', () => {
    const actual = get({ body: { content: 'hi', contentType: 'text/plain' } });
    expect(matchRequest(get(), actual)).toEqual([]);
    expect(brief(matchRequest(get({ body: { content: '' } }), actual))).toEqual([
      "body $: Expected an empty body but received 'hi'",
    ]);
    expect(brief(matchRequest(get({ body: { content: 'hi' } }), get()))).toEqual([
      "body $: Expected body 'hi' but it was missing",
    ]);
  });

  it('compares form bodies field by field', () => {
    const form = (text: string) => ({
      content: text,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(
      matchRequest(get({ body: form('a=1&b=x+y') }), get({ body: form('b=x%20y&a=1') })),
    ).toEqual([]);
    expect(brief(matchRequest(get({ body: form('a=1') }), get({ body: form('a=2') })))).toEqual([
      `body $.a: Expected form field 'a' to be ["1"] but received ["2"]`,
    ]);
  });

  it('refuses a body of another content type', () => {
    expect(
      brief(
        matchRequest(
          get({ body: { content: { a: 1 }, contentType: 'application/json' } }),
          get({ body: { content: '<a/>', contentType: 'application/xml' } }),
        ),
      ),
    ).toEqual([
      "body $: Expected a body of type 'application/json' but received one of type 'application/xml'",
    ]);
  });
});

describe('matchResponse', () => {
  it('checks the status, or its class with a statusCode rule', () => {
    expect(brief(matchResponse({ status: 200 }, { status: 201 }))).toEqual([
      'status $: Expected status 200 but received 201',
    ]);
    const success = {
      status: 200,
      matchingRules: {
        status: {
          $: { combine: 'AND' as const, matchers: [{ match: 'statusCode', status: 'success' }] },
        },
      },
    };
    expect(matchResponse(success, { status: 204 })).toEqual([]);
    expect(brief(matchResponse(success, { status: 404 }))).toEqual([
      'status $: Expected status 404 to be a success status',
    ]);
  });

  it('allows unexpected keys and matches text bodies exactly', () => {
    const json = (content: unknown) => ({
      status: 200,
      body: { content, contentType: 'application/json' },
    });
    expect(matchResponse(json({ a: 1 }), json({ a: 1, b: 2 }))).toEqual([]);
    const text = (content: string) => ({
      status: 200,
      body: { content, contentType: 'text/plain' },
    });
    expect(brief(matchResponse(text('hi'), text('Hi')))).toEqual([
      "body $: Expected 'Hi' to be equal to 'hi'",
    ]);
  });
});

describe('matchMessage', () => {
  it('matches contents with content rules and every expected metadata key', () => {
    const expected = {
      contents: { content: { id: 1 }, contentType: 'application/json' },
      metadata: { contentType: 'application/json', topic: 'pets' },
      matchingRules: {
        content: { '$.id': { combine: 'AND' as const, matchers: [{ match: 'integer' }] } },
      },
    };
    expect(
      matchMessage(expected, {
        contents: { content: { id: 9, extra: true }, contentType: 'application/json' },
        metadata: { topic: 'pets', partition: 3 },
      }),
    ).toEqual([]);
    expect(
      brief(matchMessage(expected, { contents: { content: { id: 'x' } }, metadata: {} })),
    ).toEqual([
      "body $.id: Expected 'x' to be an integer number",
      "metadata topic: Expected metadata key 'topic' but was missing",
    ]);
  });
});
