import { describe, expect, it } from 'vitest';
import type { JsonSchemaObject } from '../model/index.js';
import { coercerFor, coerceToSchema } from './coerce.js';

const schemas = { Id: { type: 'integer', minimum: 1 }, Tags: { type: 'array', items: {} } };

describe('coercerFor', () => {
  const cases: Array<[string, JsonSchemaObject]> = [
    ['integer', { type: 'integer' }],
    ['number', { type: 'number' }],
    ['nullable integer', { type: ['integer', 'null'] }],
    ['boolean', { type: 'boolean' }],
    ['string', { type: 'string' }],
    ['untyped', {}],
    ['named integer', { $ref: '#/components/schemas/Id' }],
    ['array of integers', { type: 'array', items: { type: 'integer' } }],
    ['object', { type: 'object', properties: { n: { type: 'number' } } }],
  ];
  const inputs: unknown[] = [
    '5',
    '007',
    '-3',
    '1.5',
    '1e3',
    '',
    'null',
    'true',
    'abc',
    '0x10',
    ' 1',
    '1234567890123456789',
    ['7'],
    ['1', '2'],
    { n: '2.5' },
    undefined,
  ];

  for (const [name, schema] of cases) {
    it(`converts like coerceToSchema for a ${name} schema`, () => {
      const coerce = coercerFor(schema, schemas);
      for (const input of inputs)
        expect([input, coerce(input)]).toEqual([input, coerceToSchema(input, schema, schemas)]);
    });
  }

  it('turns digits into an integer and leaves what is not a number as text', () => {
    const coerce = coercerFor({ type: 'integer' }, {});
    expect([coerce('42'), coerce('4x'), coerce('0x10')]).toEqual([42, '4x', '0x10']);
  });
});
