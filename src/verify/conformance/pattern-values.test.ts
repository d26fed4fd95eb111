import { describe, expect, it } from 'vitest';
import { patternValues, patternViolations } from './pattern-values.js';

describe('patternValues', () => {
  it('covers each kind of character of a class, at the shortest and the longest', () => {
    expect(patternValues('^[a-z0-9-]{1,32}$', 64).map((v) => [v.label, v.value])).toEqual([
      ['pattern ^[a-z0-9-]{1,32}$: letters only, shortest', 'a'],
      ['pattern ^[a-z0-9-]{1,32}$: letters only, longest', 'abcdefghijklmnopqrstuvwxyzabcdef'],
      ['pattern ^[a-z0-9-]{1,32}$: digits only, shortest', '0'],
      ['pattern ^[a-z0-9-]{1,32}$: digits only, longest', '01234567890123456789012345678901'],
      ["pattern ^[a-z0-9-]{1,32}$: '-' only, shortest", '-'],
      ["pattern ^[a-z0-9-]{1,32}$: '-' only, longest", '-'.repeat(32)],
    ]);
  });

  it('keeps the literal prefix and bounds unbounded repetitions by `longest`', () => {
    expect(patternValues('^r-[0-9]+$', 8).map((v) => v.value)).toEqual(['r-0', 'r-012345']);
    expect(patternValues('^[A-Z]{2}\\d{3}$', 8).map((v) => v.value)).toEqual(['AB012']);
  });

  it('derives nothing from what it does not read (groups, alternation, unanchored)', () => {
    expect(patternValues('^(a|b)$', 8)).toEqual([]);
    expect(patternValues('[a-z]+', 8)).toEqual([]);
    expect(patternValues('^[^a]+$', 8)).toEqual([]);
  });
});

describe('patternViolations', () => {
  it('breaks the pattern with an outside character and with one character too many', () => {
    expect(patternViolations('^[a-z0-9-]{1,32}$', 64)).toEqual([
      { label: "pattern ^[a-z0-9-]{1,32}$: a character outside it ('~')", value: '~a' },
      {
        label: 'pattern ^[a-z0-9-]{1,32}$: one character over its 32',
        value: 'abcdefghijklmnopqrstuvwxyzabcdefg',
      },
    ]);
  });
});
