import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../matching/json-schema.js';
import type { JsonSchema } from '../model/index.js';
import { seededRandom } from '../util/random.js';
import { sampleValue } from './sample.js';

const schemas: Record<string, JsonSchema> = {
  // A node must have a parent, and the parent is a node or a string: only the string ends it.
  Node: {
    type: 'object',
    required: ['parent', 'kids'],
    additionalProperties: false,
    properties: {
      parent: { anyOf: [{ $ref: '#/components/schemas/Node' }, { type: 'string' }] },
      kids: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/Leaf' } },
      note: { type: 'string', maxLength: 3 },
    },
  },
  Leaf: { type: ['object', 'null'], required: ['id'], properties: { id: { type: 'integer' } } },
};

describe('sampleValue', () => {
  const check = createSchemaCompiler(schemas).compile({ $ref: '#/components/schemas/Node' });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'ends recursion with every required property (seed %i)',
    (seed) => {
      const value = sampleValue({ $ref: '#/components/schemas/Node' }, schemas, seededRandom(seed));
      expect(check(value)).toEqual([]);
    },
  );

  it('past the depth, takes the branch that ends and keeps arrays at minItems', () => {
    const value = sampleValue({ $ref: '#/components/schemas/Node' }, schemas, seededRandom(1), {
      depth: 0,
    });
    expect(value).toEqual({ parent: expect.any(String), kids: [null] });
  });
});

describe('sampleValue on expandable fields (an anyOf of an id or a $ref, beside other keywords)', () => {
  // The shape payment APIs give expandable fields: `x-expansionResources` beside the `anyOf`
  // made the referenced branch merge in place, uncounted, so recursion never ended (stack overflow).
  const expandable = (name: string): JsonSchema => ({
    anyOf: [{ type: 'string', maxLength: 20 }, { $ref: `#/components/schemas/${name}` }],
    description: 'The id, or the object when expanded.',
    'x-expansionResources': { oneOf: [{ $ref: `#/components/schemas/${name}` }] },
  });
  const graph: Record<string, JsonSchema> = {
    Charge: {
      type: 'object',
      required: ['id', 'customer'],
      properties: {
        id: { type: 'string' },
        customer: expandable('Customer'),
        invoice: expandable('Invoice'),
        refunds: { type: 'array', items: expandable('Charge') },
      },
    },
    Customer: {
      type: 'object',
      required: ['id', 'default_source'],
      properties: {
        id: { type: 'string' },
        default_source: expandable('Charge'),
        invoice: expandable('Invoice'),
      },
    },
    Invoice: {
      type: 'object',
      required: ['id', 'charge', 'customer'],
      properties: {
        id: { type: 'string' },
        charge: expandable('Charge'),
        customer: expandable('Customer'),
      },
    },
  };
  const check = createSchemaCompiler(graph).compile({ $ref: '#/components/schemas/Charge' });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'ends, valid, with every optional field filled (seed %i)',
    (seed) => {
      const value = sampleValue(
        { $ref: '#/components/schemas/Charge' },
        graph,
        seededRandom(seed),
        {
          full: true,
        },
      );
      expect(check(value)).toEqual([]);
    },
  );
});
