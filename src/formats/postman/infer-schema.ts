import type { JsonSchemaObject } from '../../model/index.js';

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Merges the schemas inferred from several values: objects unite their properties. */
function merge(schemas: JsonSchemaObject[]): JsonSchemaObject {
  const distinct: JsonSchemaObject[] = [];
  for (const schema of schemas) {
    const same = distinct.find((d) => d.type === schema.type);
    if (!same) {
      distinct.push(schema);
      continue;
    }
    if (schema.type === 'object') {
      same.properties = {
        ...(same.properties as Record<string, JsonSchemaObject>),
        ...(schema.properties as Record<string, JsonSchemaObject>),
      };
    }
  }
  if (distinct.length === 1) return distinct[0]!;
  return { anyOf: distinct };
}

/**
 * A JSON Schema (2020-12) describing a saved example: types and properties, nothing required and
 * no extra constraints — the loose reading Prism gives a Postman example, so a request or response
 * that has the example's shape passes and `Prefer: dynamic=true` fakes values of the same types.
 *
 * @example
 * inferSchema({ id: 1, tags: ['a'] });
 * // { type: 'object', properties: { id: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } } }
 */
export function inferSchema(value: unknown): JsonSchemaObject {
  const type = typeOf(value);
  if (type === 'object') {
    const properties: Record<string, JsonSchemaObject> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>))
      properties[key] = inferSchema(item);
    return { type: 'object', properties };
  }
  if (type === 'array') {
    const items = value as unknown[];
    return items.length === 0
      ? { type: 'array' }
      : { type: 'array', items: merge(items.map(inferSchema)) };
  }
  if (type === 'bigint' || type === 'undefined' || type === 'function' || type === 'symbol')
    return {};
  return { type };
}
