import { describe, expect, it } from 'vitest';
import type { RuleList } from '../../model/pact.js';
import { compareJson } from './json-body.js';

const rule = (...matchers: RuleList['matchers']): RuleList => ({ combine: 'AND', matchers });
const response = { rules: undefined, allowUnexpectedKeys: true, kind: 'body' as const };
const request = { ...response, allowUnexpectedKeys: false };
const messages = (e: unknown, a: unknown, ctx: Parameters<typeof compareJson>[2]) =>
  compareJson(e, a, ctx).map((m) => `${m.path}: ${m.message}`);

describe('compareJson', () => {
  it('allows unexpected keys in responses but not in requests', () => {
    expect(messages({ a: 1 }, { a: 1, b: 2 }, response)).toEqual([]);
    expect(messages({ a: 1 }, { a: 1, b: 2 }, request)).toEqual([
      '$: Expected a Map with keys [a] but received one with keys [a, b]',
    ]);
  });

  it('reports every difference, not just the first', () => {
    expect(messages({ a: 1, b: [1, 2], c: 'x' }, { a: 2, b: [1], d: 0 }, response)).toEqual([
      '$: Actual map is missing the following keys: c',
      '$.a: Expected 2 to be equal to 1',
      '$.b.1: Expected 2 but was missing',
      '$.b: Expected a List with 2 elements but received 1 elements',
    ]);
  });

  it('applies a type rule on a list to every actual item', () => {
    const ctx = {
      ...response,
      rules: { '$.items': rule({ match: 'type', min: 1 }) },
    };
    expect(messages({ items: [{ id: 1 }] }, { items: [{ id: 7 }, { id: 8 }] }, ctx)).toEqual([]);
    expect(messages({ items: [{ id: 1 }] }, { items: [{ id: 7 }, { id: 'x' }] }, ctx)).toEqual([
      "$.items.1.id: Expected 'x' (string) to be the same type as 1 (number)",
    ]);
    expect(messages({ items: [{ id: 1 }] }, { items: [] }, ctx)).toEqual([
      '$.items: Expected [] to have at least 1 item(s)',
    ]);
  });

  it('eachKey and eachValue check every entry of a map', () => {
    const ctx = {
      ...response,
      rules: {
        $: rule(
          { match: 'eachKey', rules: [{ match: 'regex', regex: '[a-z]+' }] },
          { match: 'eachValue', rules: [{ match: 'type' }] },
        ),
      },
    };
    expect(messages({ a: 1 }, { x: 5, y: 6 }, ctx)).toEqual([]);
    expect(messages({ a: 1 }, { X1: 5, y: 'six' }, ctx)).toEqual([
      "$.X1: Key Expected 'X1' to match '[a-z]+'",
      "$.y: Expected 'six' (string) to be the same type as 1 (number)",
    ]);
  });

  it('values compares every actual entry with the expected one', () => {
    const ctx = { ...request, rules: { '$.ids': rule({ match: 'values' }) } };
    expect(messages({ ids: { a: 1 } }, { ids: { b: 1, c: 1 } }, ctx)).toEqual([]);
    expect(messages({ ids: { a: 1 } }, { ids: { b: 2 } }, ctx)).toEqual([
      '$.ids.b: Expected 2 to be equal to 1',
    ]);
  });

  it('arrayContains finds each variant anywhere in the list', () => {
    const ctx = {
      ...response,
      rules: {
        $: rule({
          match: 'arrayContains',
          variants: [
            { index: 0, rules: { '$.id': rule({ match: 'integer' }) } },
            { index: 1, rules: {} },
          ],
        }),
      },
    };
    const expected = [{ id: 1, kind: 'a' }, { kind: 'b' }];
    expect(messages(expected, [{ kind: 'b' }, { id: 99, kind: 'a' }, 'extra'], ctx)).toEqual([]);
    expect(messages(expected, [{ id: 99, kind: 'a' }], ctx)).toEqual([
      `$: Variant at index 1 ({"kind":"b"}) was not found in the actual list`,
    ]);
  });

  it('reports type mismatches between containers and values', () => {
    expect(messages({ a: { b: 1 } }, { a: [1] }, response)).toEqual([
      '$.a: Type mismatch: Expected Map {"b":1} but received List [1]',
    ]);
  });
});
