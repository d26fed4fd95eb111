import { describe, expect, it } from 'vitest';
import { coerceToSchema } from '../schema/coerce.js';
import { deserializePath, deserializeQuery, deserializeSimple, parseQuery } from './deserialize.js';

describe('parameter styles', () => {
  it('reads path styles simple, label and matrix', () => {
    expect(deserializePath('id', '3,4,5', 'simple', false, 'array')).toEqual(['3', '4', '5']);
    expect(deserializePath('id', 'R,100,G,200', 'simple', false, 'object')).toEqual({
      R: '100',
      G: '200',
    });
    expect(deserializePath('id', 'R=100,G=200', 'simple', true, 'object')).toEqual({
      R: '100',
      G: '200',
    });
    expect(deserializePath('id', '.3.4', 'label', true, 'array')).toEqual(['3', '4']);
    expect(deserializePath('id', '.3,4', 'label', false, 'array')).toEqual(['3', '4']);
    expect(deserializePath('id', ';id=5', 'matrix', false, 'primitive')).toBe('5');
    expect(deserializePath('id', ';id=3;id=4', 'matrix', true, 'array')).toEqual(['3', '4']);
    expect(deserializePath('id', ';R=1;G=2', 'matrix', true, 'object')).toEqual({ R: '1', G: '2' });
    expect(deserializePath('id', 'a%20b', 'simple', false, 'primitive')).toBe('a b');
  });

  it('reads query styles form, spaceDelimited, pipeDelimited and deepObject', () => {
    const pairs = parseQuery(
      'ids=1&ids=2&csv=a,b&sp=a%20b&pp=a|b&f[x]=1&f[y][z]=2&R=1&G=2&other=9',
    );
    const none = new Set<string>(['ids', 'csv', 'sp', 'pp', 'f', 'other']);
    expect(deserializeQuery('ids', pairs, 'form', true, 'array', [], none)).toEqual(['1', '2']);
    expect(deserializeQuery('csv', pairs, 'form', false, 'array', [], none)).toEqual(['a', 'b']);
    expect(deserializeQuery('sp', pairs, 'spaceDelimited', false, 'array', [], none)).toEqual([
      'a',
      'b',
    ]);
    expect(deserializeQuery('pp', pairs, 'pipeDelimited', false, 'array', [], none)).toEqual([
      'a',
      'b',
    ]);
    expect(deserializeQuery('f', pairs, 'deepObject', true, 'object', [], none)).toEqual({
      x: '1',
      y: { z: '2' },
    });
    expect(deserializeQuery('color', pairs, 'form', true, 'object', ['R', 'G', 'B'], none)).toEqual(
      { R: '1', G: '2' },
    );
    expect(deserializeQuery('missing', pairs, 'form', true, 'primitive', [], none)).toBeUndefined();
    expect(parseQuery('q=a+b&e')).toEqual([
      ['q', 'a b'],
      ['e', ''],
    ]);
  });

  it('reads simple headers and coerces to the schema types', () => {
    expect(deserializeSimple('1, 2', false, 'array')).toEqual(['1', '2']);
    const schema = {
      type: 'object',
      properties: {
        n: { type: 'integer' },
        b: { type: 'boolean' },
        l: { type: 'array', items: { type: 'number' } },
      },
    };
    expect(coerceToSchema({ n: '5', b: 'true', l: ['1.5', 'x'] }, schema, {})).toEqual({
      n: 5,
      b: true,
      l: [1.5, 'x'],
    });
    expect(
      coerceToSchema('7', { $ref: '#/components/schemas/N' }, { N: { type: ['integer', 'null'] } }),
    ).toBe(7);
    expect(coerceToSchema('', { type: ['integer', 'null'] }, {})).toBeNull();
  });
});
