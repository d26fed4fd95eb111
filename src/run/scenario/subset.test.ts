import { describe, expect, it } from 'vitest';
import { subsetProblems } from './subset.js';

describe('subsetProblems', () => {
  it('accepts extra keys and matching nested values', () => {
    expect(
      subsetProblems(
        { order: { id: 'o-1' }, n: [1, { a: 2 }] },
        { order: { id: 'o-1', x: 1 }, n: [1, { a: 2, b: 3 }], y: 0 },
      ),
    ).toEqual([]);
  });

  it('lists every difference with its JSON pointer', () => {
    expect(
      subsetProblems(
        { sku: 'abc', stock: { available: 1 }, list: [1, 2], 'a/b': null, gone: 1 },
        { sku: 'def', stock: null, list: [1], 'a/b': 0 },
      ),
    ).toEqual([
      '/sku: expected "abc", got "def"',
      '/stock: expected an object, got null',
      '/list: expected 2 items, got 1',
      '/a~1b: expected null, got 0',
      '/gone: missing',
    ]);
  });

  it('compares the whole value when it is not an object', () => {
    expect(subsetProblems(3, 4)).toEqual(['/: expected 3, got 4']);
    expect(subsetProblems([1], 'x')).toEqual(['/: expected an array, got "x"']);
  });
});
