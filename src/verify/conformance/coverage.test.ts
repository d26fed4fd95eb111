import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { JsonSchema } from '../../model/index.js';
import { coverageValues } from './coverage.js';

const schemas: Record<string, JsonSchema> = {
  Sku: { type: 'string', pattern: '^[a-z0-9-]{1,3}$' },
};
const compiler = createSchemaCompiler(schemas);
const values = (schema: JsonSchema) =>
  coverageValues(schema, schemas, compiler).map((v) => v.value);

describe('coverageValues', () => {
  it('gives the bounds of a number, and zero when it is allowed', () => {
    expect(values({ type: 'integer', minimum: 1, maximum: 100 })).toEqual([1, 100]);
    expect(values({ type: 'number', exclusiveMinimum: 0 })).toEqual([0.5]);
    expect(values({ type: 'integer' })).toEqual([0]);
  });

  it('gives every enum member and the examples, never an invalid value', () => {
    expect(values({ type: 'string', enum: ['a', 'b'], example: 'zz' })).toEqual(['a', 'b']);
    expect(values({ type: 'boolean' })).toEqual([true, false]);
  });

  it('gives the shortest and longest strings, a long one when unbounded, pattern values through $ref', () => {
    expect(values({ type: 'string', minLength: 2, maxLength: 4 })).toEqual(['ab', 'abcd']);
    expect(values({ type: 'string', minLength: 1 })).toEqual([
      'a',
      'abcdefghijklmnopqrstuvwxyz'.repeat(3).slice(0, 64),
    ]);
    expect(values({ $ref: '#/components/schemas/Sku' })).toEqual([
      'a',
      'abc',
      '0',
      '012',
      '-',
      '---',
    ]);
  });
});
