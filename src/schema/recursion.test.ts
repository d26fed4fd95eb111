import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../matching/json-schema.js';
import type { JsonSchema } from '../model/index.js';
import { seededRandom } from '../util/random.js';
import { fakeValue } from './fake.js';
import { reachesRecursion } from './recursion.js';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

describe('reachesRecursion', () => {
  const schemas: Record<string, JsonSchema> = {
    Leaf: { type: 'string' },
    Uses: { type: 'object', properties: { leaf: ref('Leaf') } },
    Self: { type: 'object', properties: { next: ref('Self') } },
    A: { type: 'object', properties: { b: { type: 'array', items: ref('B') } } },
    B: { anyOf: [{ type: 'string' }, ref('A/properties/b')] },
    ReachesCycle: { allOf: [ref('Uses'), ref('A')] },
  };

  it.each([
    ['Leaf', false],
    ['Uses', false],
    ['Self', true],
    ['A', true],
    ['B', true],
    ['ReachesCycle', true],
  ])('%s → %s', (name, expected) => {
    expect(reachesRecursion(ref(name), schemas)).toBe(expected);
  });

  it('looks inside inline schemas, and knows nothing of other registries', () => {
    expect(reachesRecursion({ type: 'array', items: ref('Self') }, schemas)).toBe(true);
    expect(reachesRecursion({ type: 'array', items: ref('Uses') }, schemas)).toBe(false);
    expect(reachesRecursion(ref('Self'), { Self: { type: 'string' } })).toBe(false);
  });
});

/**
 * A registry shaped like a large real API: 30 entities, each with six optional expandable fields
 * (`anyOf: [id, $ref other]`), a required nested object and an array of others. Every schema is
 * in one big cycle, so an unbounded generator builds values of a size exponential in its depth.
 */
function webOfEntities(count: number): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (let i = 0; i < count; i++) {
    const properties: Record<string, JsonSchema> = {
      id: { type: 'string', maxLength: 40 },
      items: { type: 'array', items: ref(`E${(i + 7) % count}`) },
      owner: {
        type: 'object',
        required: ['detail'],
        properties: { detail: { anyOf: [{ type: 'string' }, ref(`E${(i + 3) % count}`)] } },
      },
    };
    for (let f = 1; f <= 6; f++)
      properties[`link${f}`] = { anyOf: [{ type: 'string' }, ref(`E${(i + f) % count}`)] };
    schemas[`E${i}`] = {
      type: 'object',
      required: ['id', 'owner'],
      additionalProperties: false,
      properties,
    };
  }
  return schemas;
}

describe('fakeValue on recursive schemas', () => {
  const schemas = webOfEntities(30);
  const compiler = createSchemaCompiler(schemas);

  it.each([1, 2, 3, 4, 5])('builds a small, valid value (seed %i)', (seed) => {
    const schema = ref(`E${seed}`);
    const value = fakeValue(schema, schemas, seededRandom(seed));
    expect(compiler.compile(schema)(value)).toEqual([]);
    // Bounded from the start: a few kilobytes, not the megabytes jsf expands to at refDepthMax.
    expect(JSON.stringify(value).length).toBeLessThan(20_000);
  });
});
