import { describe, expect, it } from 'vitest';
import { parseJsonOrYaml } from './parse.js';

const text = `{
  "a": { "b": [1, {"c": "x,y}"}, true] },
  "d/e": null,
  "f": "tricky \\" string"
}`;

describe('JSON positions', () => {
  const parsed = parseJsonOrYaml('x.json', text);
  if (!parsed.ok) throw new Error('fixture must parse');
  const at = (pointer: string) => {
    const { line, column } = parsed.document.locate(pointer);
    return [line, column];
  };

  it('finds values in objects and arrays', () => {
    expect(at('')).toEqual([1, 1]);
    expect(at('/a')).toEqual([2, 8]);
    expect(at('/a/b')).toEqual([2, 15]);
    expect(at('/a/b/0')).toEqual([2, 16]);
    expect(at('/a/b/1/c')).toEqual([2, 25]);
    expect(at('/a/b/2')).toEqual([2, 34]);
    expect(at('/d~1e')).toEqual([3, 10]);
    expect(at('/f')).toEqual([4, 8]);
  });

  it('falls back to the nearest existing parent', () => {
    expect(at('/a/b/7')).toEqual([2, 15]);
    expect(parsed.document.locate('/a/b/7').pointer).toBe('/a/b/7');
  });
});

describe('JSON positions below the first scan depth', () => {
  it('finds deeply nested values by scanning only their subtree', () => {
    const deep = `{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":
  [1, {"i": "j"}]}}}}}}}, "z": 1}`;
    const parsed = parseJsonOrYaml('deep.json', deep);
    if (!parsed.ok) throw new Error('fixture must parse');
    expect(parsed.document.locate('/a/b/c/d/e/f/g/h/1/i')).toEqual({
      file: 'deep.json',
      line: 2,
      column: 13,
      pointer: '/a/b/c/d/e/f/g/h/1/i',
    });
    expect(parsed.document.locate('/z')).toMatchObject({ line: 2, column: 32 });
  });
});

describe('JSON positions after literals, escapes and repeated keys', () => {
  it('reads keys after numbers, decodes escaped keys, and keeps the last of a repeated key', () => {
    const text = `{"n": 12, "m": {"k": -1.5e3, "l": false},
 "e\\u0041": [ ], "w": 1, "w": [null, 7]}`;
    const parsed = parseJsonOrYaml('lit.json', text);
    if (!parsed.ok) throw new Error('fixture must parse');
    const at = (pointer: string) => {
      const { line, column } = parsed.document.locate(pointer);
      return [line, column];
    };
    expect(at('/n')).toEqual([1, 7]);
    expect(at('/m/l')).toEqual([1, 35]);
    expect(at('/eA')).toEqual([2, 13]);
    expect(at('/w/1')).toEqual([2, 38]);
  });
});
