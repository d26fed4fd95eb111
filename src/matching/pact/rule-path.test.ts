import { describe, expect, it } from 'vitest';
import { bestRules, resolveRules } from './rule-context.js';
import { formatLocation, parseRulePath, pathWeight } from './rule-path.js';

describe('parseRulePath', () => {
  it('reads fields, indices, wildcards and bracketed names', () => {
    expect(parseRulePath("$.a[0].*['b.c'][*]")).toEqual([
      { kind: 'root' },
      { kind: 'field', name: 'a' },
      { kind: 'index', index: 0 },
      { kind: 'star' },
      { kind: 'field', name: 'b.c' },
      { kind: 'starIndex' },
    ]);
    expect(parseRulePath('$.a[')).toBeUndefined();
  });
});

describe('pathWeight', () => {
  const at = ['$', 'a', 'b'];
  it('exact beats wildcard beats root-only, and shorter rules cascade', () => {
    const w = (p: string) => pathWeight(parseRulePath(p)!, at);
    expect(w('$.a.b')).toBe(8);
    expect(w('$.a.*')).toBe(4);
    expect(w('$.*')).toBe(2);
    expect(w('$.a')).toBe(4);
    expect(w('$.x')).toBe(0);
    expect(w('$.a.b.c')).toBe(0);
    expect(pathWeight(parseRulePath('$[*]')!, ['$', '0'])).toBe(2);
    expect(pathWeight(parseRulePath('$[*]')!, ['$', 'name'])).toBe(0);
  });
});

describe('bestRules', () => {
  const rules = {
    '$.*': { combine: 'AND' as const, matchers: [{ match: 'type' }] },
    '$.a.*': { combine: 'AND' as const, matchers: [{ match: 'integer' }] },
    '$.a.b': { combine: 'AND' as const, matchers: [{ match: 'regex', regex: 'x' }] },
  };
  it('picks the most specific rule', () => {
    expect(bestRules(rules, ['$', 'a', 'b'])?.matchers).toEqual([{ match: 'regex', regex: 'x' }]);
    expect(bestRules(rules, ['$', 'a', 'c'])?.matchers).toEqual([{ match: 'integer' }]);
    expect(bestRules(rules, ['$', 'z'])?.matchers).toEqual([{ match: 'type' }]);
    expect(resolveRules(rules, ['$', 'z', 'y'])?.direct).toBe(false);
    expect(bestRules(undefined, ['$'])).toBeUndefined();
  });
});

describe('formatLocation', () => {
  it('writes indices in brackets and odd names quoted', () => {
    expect(formatLocation(['$', 'a', '0', 'b c'])).toBe("$.a[0]['b c']");
  });
});
