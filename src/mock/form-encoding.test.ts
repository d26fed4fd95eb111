import { describe, expect, it } from 'vitest';
import type { MediaContent } from '../model/index.js';
import { compileFormEncoding } from './form-encoding.js';

const encoder = new TextEncoder();

describe('compileFormEncoding', () => {
  const schema = {
    type: 'object',
    properties: {
      next: { type: 'string' },
      ids: { type: 'array', items: { type: 'integer' } },
      words: { type: 'array', items: { type: 'string' } },
      meta: { type: 'object' },
      plain: { type: 'string' },
    },
  };

  it('changes nothing (and costs nothing) without an encoding that matters', () => {
    expect(
      compileFormEncoding(
        {
          mediaType: 'application/x-www-form-urlencoded',
          examples: [],
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
        {},
      ),
    ).toBeUndefined();
    expect(compileFormEncoding({ mediaType: 'application/json', examples: [], schema }, {})).toBe(
      undefined,
    );
  });

  it('urlencoded: splits delimited fields and refuses raw reserved characters, not delimiters', () => {
    const content: MediaContent = {
      mediaType: 'application/x-www-form-urlencoded',
      examples: [],
      schema,
      encoding: {
        next: {},
        ids: { style: 'form', explode: false },
        words: { style: 'spaceDelimited', explode: false },
      },
    };
    const encoding = compileFormEncoding(content, {})!;
    expect(encoding.apply({ ids: '1,2', words: 'a b', plain: 'x,y' })).toEqual({
      ids: ['1', '2'],
      words: ['a', 'b'],
      plain: 'x,y',
    });
    const diagnostics: Parameters<typeof encoding.reserved>[1] = [];
    encoding.reserved(encoder.encode('next=%2Fok&ids=1,2&words=a+b&plain=/free'), diagnostics);
    expect(diagnostics).toEqual([]);
    encoding.reserved(encoder.encode('next=/home?x=1&ids=1;2'), diagnostics);
    expect(diagnostics.map((d) => d.path)).toEqual(['/body/next', '/body/ids']);
  });

  it('multipart: JSON parts (by encoding contentType, or an object by default) are parsed', () => {
    const content: MediaContent = {
      mediaType: 'multipart/form-data',
      examples: [],
      schema,
      encoding: { ids: { contentType: 'application/json' }, next: { allowReserved: false } },
    };
    const encoding = compileFormEncoding(content, {})!;
    expect(encoding.apply({ ids: '[1,2]', meta: '{"a":1}', next: '/raw', plain: '{}' })).toEqual({
      ids: [1, 2],
      meta: { a: 1 },
      next: '/raw',
      plain: '{}',
    });
    // A part that is not JSON stays text, for the schema check to refuse.
    expect(encoding.apply({ meta: 'not json' })).toEqual({ meta: 'not json' });
    // allowReserved does not apply to multipart (OpenAPI).
    const diagnostics: Parameters<typeof encoding.reserved>[1] = [];
    encoding.reserved(encoder.encode('next=/raw'), diagnostics);
    expect(diagnostics).toEqual([]);
  });
});
