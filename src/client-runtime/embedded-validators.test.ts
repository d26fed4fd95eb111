import { describe, expect, it } from 'vitest';
import { embeddedValidators } from './embedded-validators.js';

const schemas = {
  Node: {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string' },
      children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
    },
  },
};

describe('embeddedValidators', () => {
  const validators = embeddedValidators(schemas, {
    'GET /nodes/{id}': {
      '200': { $ref: '#/components/schemas/Node' },
      default: { type: 'object' },
    },
  });
  const node = validators['GET /nodes/{id}']!['200']!;

  it('validates as an ajv standalone validator did: a boolean, and errors with instance paths', () => {
    expect(node({ name: 'root', children: [{ name: 'leaf' }] })).toBe(true);
    expect(node.errors).toBeNull();
    expect(node({ name: 'root', children: [{ name: 1 }, {}] })).toBe(false);
    expect(node.errors).toEqual([
      { instancePath: '/children/0/name', message: 'must be string' },
      { instancePath: '/children/1', message: "must have required property 'name'" },
    ]);
  });

  it('keeps each status apart', () => {
    expect(validators['GET /nodes/{id}']!.default!([])).toBe(false);
    expect(validators['GET /nodes/{id}']!.default!.errors).toEqual([
      { instancePath: '', message: 'must be object' },
    ]);
  });
});
