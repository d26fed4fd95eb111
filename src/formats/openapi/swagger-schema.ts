import type { JsonSchema, ParameterStyle } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import type { Located } from './documents.js';
import type { SchemaConverter } from './schemas.js';

/** The schema keywords a Swagger 2.0 non-body parameter, header or items object may carry. */
const KEYS = [
  'type',
  'format',
  'items',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'enum',
  'multipleOf',
  'x-nullable',
];

function pick(value: unknown): unknown {
  if (!isRecord(value)) return value;
  if (typeof value.$ref === 'string') return value;
  const out: Record<string, unknown> = {};
  for (const key of KEYS) {
    if (value[key] === undefined) continue;
    out[key] = key === 'items' ? pick(value[key]) : value[key];
  }
  return out;
}

/** 2.0 parameter/header/items fields (`type`, `format`, `items`, limits...) → a 2020-12 schema. */
export function swaggerSimpleSchema(schemas: SchemaConverter, node: Located): JsonSchema {
  return schemas.convert({ ...node, value: pick(node.value) });
}

/**
 * 2.0 `collectionFormat` of an array parameter → OpenAPI 3 style/explode.
 * `tsv` has no OpenAPI 3 equivalent and returns undefined.
 */
export function collectionStyle(
  collectionFormat: unknown,
  location: string,
): { style: ParameterStyle; explode: boolean } | undefined {
  switch (collectionFormat ?? 'csv') {
    case 'csv':
      return location === 'path' || location === 'header'
        ? { style: 'simple', explode: false }
        : { style: 'form', explode: false };
    case 'ssv':
      return { style: 'spaceDelimited', explode: false };
    case 'pipes':
      return { style: 'pipeDelimited', explode: false };
    case 'multi':
      return { style: 'form', explode: true };
    default:
      return undefined;
  }
}
