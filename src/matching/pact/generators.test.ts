import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/random.js';
import { applyGenerators, formatDateTime, generateValue } from './generators.js';
import { matchValue } from './match-value.js';
import { sampleRegex } from './regex-sample.js';

const at = (seed: number) => ({
  random: seededRandom(seed),
  now: () => new Date('2024-03-05T14:07:09.120Z'),
  providerState: { id: 42, user: { name: 'Ann' } },
  mockServerUrl: 'http://127.0.0.1:4321',
});
const value = (g: Parameters<typeof generateValue>[0], seed = 1) => {
  const result = generateValue(g, at(seed));
  if (!('value' in result)) throw new Error(result.error);
  return result.value;
};

describe('generateValue', () => {
  it('is deterministic for a seed', () => {
    const g = { type: 'RandomString', size: 12 };
    expect(value(g, 5)).toBe(value(g, 5));
    expect(value(g, 5)).not.toBe(value(g, 6));
    expect(String(value(g))).toMatch(/^[A-Za-z0-9]{12}$/);
  });

  it('produces values of the declared shape', () => {
    for (let seed = 1; seed < 30; seed++) {
      const n = value({ type: 'RandomInt', min: 3, max: 5 }, seed);
      expect([3, 4, 5]).toContain(n);
      expect(String(value({ type: 'RandomHexadecimal', digits: 8 }, seed))).toMatch(
        /^[0-9a-f]{8}$/,
      );
      expect(String(value({ type: 'Uuid' }, seed))).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(
        matchValue(0, value({ type: 'RandomDecimal', digits: 6 }, seed), { match: 'decimal' }),
      ).toBeUndefined();
      expect(typeof value({ type: 'RandomBoolean' }, seed)).toBe('boolean');
    }
  });

  it('formats dates with the injected clock', () => {
    expect(value({ type: 'Date' })).toBe('2024-03-05');
    expect(value({ type: 'Time', format: 'hh:mm a' })).toBe('02:07 PM');
    expect(value({ type: 'DateTime', format: "yyyy-MM-dd'T'HH:mm:ss.SSSX" })).toBe(
      '2024-03-05T14:07:09.120Z',
    );
    expect(formatDateTime(new Date('2024-03-05T00:00:00Z'), 'EEE, dd MMM yyyy')).toBe(
      'Tue, 05 Mar 2024',
    );
  });

  it('fills provider-state expressions and the mock server URL', () => {
    const placeholder = (name: string) => ['$', `{${name}}`].join('');
    expect(value({ type: 'ProviderState', expression: placeholder('id') })).toBe(42);
    expect(value({ type: 'ProviderState', expression: `/users/${placeholder('user.name')}` })).toBe(
      '/users/Ann',
    );
    expect(
      generateValue({ type: 'ProviderState', expression: placeholder('nope') }, at(1)),
    ).toEqual({
      error: "the provider state has no value for 'nope'",
    });
    expect(
      value({
        type: 'MockServerURL',
        example: 'http://localhost:8080/pets/1',
        regex: '.*(/pets/\\d+)$',
      }),
    ).toBe('http://127.0.0.1:4321/pets/1');
  });

  it('reports unknown generators', () => {
    expect(generateValue({ type: 'Nope' }, at(1))).toEqual({
      error: "unknown generator type 'Nope'",
    });
  });
});

describe('sampleRegex', () => {
  it.each(['\\d{3}-[A-Z]{2}', '(cat|dog)s?', '[a-f0-9]{4,8}', '^\\w+@example\\.com$', 'a.b+c*'])(
    'generates strings that match %s',
    (regex) => {
      const random = seededRandom(11);
      for (let i = 0; i < 20; i++) {
        expect(sampleRegex(regex, random)).toMatch(new RegExp(`^(?:${regex})$`));
      }
    },
  );
});

describe('applyGenerators', () => {
  it('replaces body values by path and headers, query, path and status by name', () => {
    const result = applyGenerators(
      {
        method: 'GET',
        path: '/pets/1',
        query: { q: ['a'] },
        headers: { 'x-id': ['0'] },
        body: {
          content: { items: [{ id: 0 }, { id: 0 }], keep: 'me' },
          contentType: 'application/json',
        },
      },
      {
        body: { '$.items[*].id': { type: 'RandomInt', min: 7, max: 7 } },
        header: { 'X-Id': { type: 'RandomInt', min: 1, max: 1 } },
        query: { q: { type: 'Regex', regex: 'z{2}' } },
        path: { $: { type: 'ProviderState', expression: ['/pets/$', '{id}'].join('') } },
      },
      at(3),
    );
    expect(result).toEqual({
      value: {
        method: 'GET',
        path: '/pets/42',
        query: { q: ['zz'] },
        headers: { 'x-id': ['1'] },
        body: {
          content: { items: [{ id: 7 }, { id: 7 }], keep: 'me' },
          contentType: 'application/json',
        },
      },
      problems: [],
    });
  });

  it('sets the status and reports generators that cannot run', () => {
    const result = applyGenerators(
      { status: 200 },
      {
        status: { $: { type: 'RandomInt', min: 201, max: 201 } },
        header: { Location: { type: 'ProviderState', expression: ['$', '{missing}'].join('') } },
      },
      at(1),
    );
    expect(result).toEqual({
      value: { status: 201, headers: {} },
      problems: ["header Location: the provider state has no value for 'missing'"],
    });
  });
});
