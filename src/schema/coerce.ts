import type { JsonSchema, JsonSchemaObject } from '../model/index.js';
import { SCHEMA_REF_PREFIX } from '../model/index.js';
import { isRecord } from '../util/guards.js';

export type SchemaRegistry = Record<string, JsonSchema>;

/** Follows `#/components/schemas/<name>` references (a few hops; cycles stop). */
export function deref(
  schema: JsonSchema | undefined,
  schemas: SchemaRegistry,
): JsonSchemaObject | undefined {
  let current: JsonSchema | undefined = schema;
  for (let hops = 0; hops < 8; hops++) {
    if (current === undefined || typeof current === 'boolean') return undefined;
    const ref = current.$ref;
    if (typeof ref !== 'string' || !ref.startsWith(SCHEMA_REF_PREFIX)) return current;
    const name = ref.slice(SCHEMA_REF_PREFIX.length).replace(/~1/g, '/').replace(/~0/g, '~');
    current = schemas[name];
  }
  return undefined;
}

export type Shape = 'array' | 'object' | 'primitive';

/** The JSON types a schema allows, looking through allOf/anyOf/oneOf and implied keywords. */
export function schemaTypes(
  schema: JsonSchema | undefined,
  schemas: SchemaRegistry,
  depth = 0,
): string[] {
  const s = deref(schema, schemas);
  if (!s || depth > 4) return [];
  const type = s.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  const out: string[] = [];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = s[key];
    if (!Array.isArray(list)) continue;
    for (const sub of list as JsonSchema[]) {
      for (const t of schemaTypes(sub, schemas, depth + 1)) if (!out.includes(t)) out.push(t);
    }
  }
  if (out.length > 0) return out;
  if (isRecord(s.properties) || isRecord(s.additionalProperties)) return ['object'];
  if (s.items !== undefined || Array.isArray(s.prefixItems)) return ['array'];
  return [];
}

/** Whether a parameter value should be read as an array, an object or one value. */
export function schemaShape(schema: JsonSchema | undefined, schemas: SchemaRegistry): Shape {
  const types = schemaTypes(schema, schemas);
  if (types.includes('array')) return 'array';
  if (types.includes('object')) return 'object';
  return 'primitive';
}

/** A subschema by property name (properties, then additionalProperties), through combinators. */
function propertySchema(
  s: JsonSchemaObject,
  name: string,
  schemas: SchemaRegistry,
): JsonSchema | undefined {
  if (isRecord(s.properties) && s.properties[name] !== undefined)
    return s.properties[name] as JsonSchema;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = s[key];
    if (!Array.isArray(list)) continue;
    for (const sub of list as JsonSchema[]) {
      const resolved = deref(sub, schemas);
      const found = resolved ? propertySchema(resolved, name, schemas) : undefined;
      if (found !== undefined) return found;
    }
  }
  if (isRecord(s.additionalProperties) || typeof s.additionalProperties === 'boolean') {
    return s.additionalProperties as JsonSchema;
  }
  return undefined;
}

/** The declared property names of an object schema (through combinators). */
export function propertyNames(
  schema: JsonSchema | undefined,
  schemas: SchemaRegistry,
  depth = 0,
): string[] {
  const s = deref(schema, schemas);
  if (!s || depth > 4) return [];
  const out = isRecord(s.properties) ? Object.keys(s.properties) : [];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = s[key];
    if (!Array.isArray(list)) continue;
    for (const sub of list as JsonSchema[]) {
      for (const name of propertyNames(sub, schemas, depth + 1))
        if (!out.includes(name)) out.push(name);
    }
  }
  return out;
}

function itemSchema(s: JsonSchemaObject, index: number): JsonSchema | undefined {
  if (Array.isArray(s.prefixItems) && index < s.prefixItems.length)
    return s.prefixItems[index] as JsonSchema;
  if (s.items !== undefined && !Array.isArray(s.items)) return s.items as JsonSchema;
  return undefined;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function coerceString(text: string, types: string[]): unknown {
  if (types.length === 0) return text;
  if (types.includes('null') && (text === '' || text === 'null')) return null;
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if ((types.includes('integer') || types.includes('number')) && NUMBER.test(text)) {
    const n = Number(text);
    if (types.includes('number') || Number.isInteger(n)) return n;
  }
  return text;
}

/**
 * Converts strings read from a URL, header, cookie or form field into the types the schema
 * asks for (`"5"` → 5 for an integer), recursing into arrays and objects. Values that do not
 * convert are left as they are, so the validator reports them with the schema's own words.
 */
export function coerceToSchema(
  value: unknown,
  schema: JsonSchema | undefined,
  schemas: SchemaRegistry,
  depth = 0,
): unknown {
  const s = deref(schema, schemas);
  if (!s || depth > 16) return value;
  const types = schemaTypes(s, schemas);
  if (typeof value === 'string') {
    if (types.includes('array')) {
      const item = itemSchema(s, 0);
      return [coerceToSchema(value, item, schemas, depth + 1)];
    }
    return coerceString(value, types);
  }
  if (Array.isArray(value)) {
    if (!types.includes('array') && types.length > 0 && value.length === 1) {
      return coerceToSchema(value[0], s, schemas, depth + 1);
    }
    return value.map((item, i) => coerceToSchema(item, itemSchema(s, i), schemas, depth + 1));
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = coerceToSchema(inner, propertySchema(s, key, schemas), schemas, depth + 1);
    }
    return out;
  }
  return value;
}

export type Coercer = (value: unknown) => unknown;

/** `0`…`9` only, 1 to 15 of them (so that Number() is exact). */
function isPlainDigits(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 15) return false;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const identity: Coercer = (value) => value;

/**
 * `coerceToSchema` bound to one schema, with the work that does not depend on the value (ref
 * lookups, the allowed types) done once: a scalar parameter then costs one string check per
 * request.
 *
 * @example
 * const coerce = coercerFor({ type: 'integer' }, {});
 * coerce('5'); // 5
 */
export function coercerFor(schema: JsonSchema | undefined, schemas: SchemaRegistry): Coercer {
  const s = deref(schema, schemas);
  if (!s) return identity;
  const types = schemaTypes(s, schemas);
  if (!types.includes('array') && !types.includes('object')) {
    if (types.length === 1 && (types[0] === 'integer' || types[0] === 'number')) {
      // The common `{type: integer}` id: plain digits convert without the regex.
      return (value) =>
        typeof value === 'string' && isPlainDigits(value)
          ? Number(value)
          : typeof value === 'string'
            ? coerceString(value, types)
            : coerceToSchema(value, s, schemas);
    }
    return (value) =>
      typeof value === 'string' ? coerceString(value, types) : coerceToSchema(value, s, schemas);
  }
  return (value) => coerceToSchema(value, s, schemas);
}
