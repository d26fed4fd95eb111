import { describe, expect, it } from 'vitest';
import { compilePactRegex, matchRuleList, matchValue } from './match-value.js';

describe('matchValue', () => {
  it('equality compares JSON structurally', () => {
    expect(matchValue({ a: [1] }, { a: [1] }, { match: 'equality' })).toBeUndefined();
    expect(matchValue(1, 2, { match: 'equality' })).toBe('Expected 2 to be equal to 1');
  });

  it('regex matches the whole value, numbers as their text', () => {
    expect(matchValue('x', '123', { match: 'regex', regex: '\\d+' })).toBeUndefined();
    expect(matchValue('x', 123, { match: 'regex', regex: '\\d+' })).toBeUndefined();
    expect(matchValue('x', 'a123', { match: 'regex', regex: '\\d+' })).toBe(
      "Expected 'a123' to match '\\d+'",
    );
    expect(matchValue('x', 'HELLO', { match: 'regex', regex: '(?i)hello' })).toBeUndefined();
  });

  it('type compares JSON types and array sizes with min/max', () => {
    expect(matchValue('a', 'b', { match: 'type' })).toBeUndefined();
    expect(matchValue(1, '1', { match: 'type' })).toBe(
      "Expected '1' (string) to be the same type as 1 (number)",
    );
    expect(matchValue([1], [1, 2], { match: 'type', max: 1 })).toBe(
      'Expected [1,2] to have at most 1 item(s)',
    );
    expect(matchValue([1], [], { match: 'min', min: 1 })).toBe(
      'Expected [] to have at least 1 item(s)',
    );
    expect(matchValue([1], [1, 2], { match: 'minmax', min: 1, max: 2 })).toBeUndefined();
  });

  it('number rules: integer, decimal, number (strings only when textual)', () => {
    expect(matchValue(0, 5, { match: 'integer' })).toBeUndefined();
    expect(matchValue(0, 5.5, { match: 'integer' })).toBe('Expected 5.5 to be an integer number');
    expect(matchValue(0, 5.5, { match: 'decimal' })).toBeUndefined();
    expect(matchValue(0, '5', { match: 'number' })).toBe("Expected '5' to be a number");
    expect(matchValue(0, '5', { match: 'integer' }, { textual: true })).toBeUndefined();
  });

  it('boolean, null, include, notEmpty, semver', () => {
    expect(matchValue(true, 'false', { match: 'boolean' })).toBeUndefined();
    expect(matchValue(null, 0, { match: 'null' })).toBe('Expected 0 to be null');
    expect(matchValue('', 'a cat', { match: 'include', value: 'cat' })).toBeUndefined();
    expect(matchValue('', [], { match: 'notEmpty' })).toBe('Expected [] to not be empty');
    expect(matchValue('', '1.2.3-beta.1', { match: 'semver' })).toBeUndefined();
    expect(matchValue('', '1.2', { match: 'semver' })).toBe(
      "Expected '1.2' to be a semantic version",
    );
  });

  it('date, time and timestamp use Java-style formats', () => {
    expect(matchValue('', '2024-02-29', { match: 'date', format: 'yyyy-MM-dd' })).toBeUndefined();
    expect(matchValue('', '2023-02-29', { match: 'date', format: 'yyyy-MM-dd' })).toBe(
      "Expected '2023-02-29' to match the date format 'yyyy-MM-dd': day 29 is out of range for month 2",
    );
    expect(matchValue('', '23:59', { match: 'time', format: 'HH:mm' })).toBeUndefined();
    expect(
      matchValue('', '2024-01-02T03:04:05.678+01:00', {
        match: 'timestamp',
        format: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
      }),
    ).toBeUndefined();
    expect(matchValue('', '2024-01-02T03:04:05Z', { match: 'datetime' })).toBeUndefined();
  });

  it('contentType sniffs the value', () => {
    expect(
      matchValue('', '{"a":1}', { match: 'contentType', value: 'application/json' }),
    ).toBeUndefined();
    expect(matchValue('', '<a/>', { match: 'contentType', value: 'application/json' })).toBe(
      "Expected content with type 'application/json' but it looks like 'application/xml'",
    );
    // A PNG header, base64-encoded.
    expect(
      matchValue('', 'iVBORw0KGgo=', { match: 'contentType', value: 'image/png' }),
    ).toBeUndefined();
  });

  it('unknown rules are reported, not ignored', () => {
    expect(matchValue(1, 1, { match: 'telepathy' })).toBe("Unsupported matching rule 'telepathy'");
  });
});

describe('matchRuleList', () => {
  const rules = [
    { match: 'regex', regex: '\\d+' },
    { match: 'regex', regex: '[a-z]+' },
  ];

  it('AND needs every rule and reports every failure', () => {
    expect(matchRuleList('', 'abc', { combine: 'AND', matchers: rules })).toEqual([
      "Expected 'abc' to match '\\d+'",
    ]);
  });

  it('OR needs one rule', () => {
    expect(matchRuleList('', 'abc', { combine: 'OR', matchers: rules })).toEqual([]);
    expect(matchRuleList('', 'ABC', { combine: 'OR', matchers: rules })).toHaveLength(2);
  });
});

describe('compilePactRegex', () => {
  it('reports an invalid regex instead of throwing', () => {
    expect(typeof compilePactRegex('(')).toBe('string');
  });
});
