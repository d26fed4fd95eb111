import { sampleRegex } from '../matching/pact/regex-sample.js';
import {
  type JsonSchema,
  type JsonSchemaObject,
  SCHEMA_REF_PREFIX,
  unescapePointerToken,
} from '../model/index.js';
import { isRecord } from '../util/guards.js';

/**
 * A schema-directed generator that aims at *valid* values first: every required property is
 * there at every depth, `additionalProperties: false` is kept, and recursion always ends because,
 * past `depth`, `anyOf`/`oneOf`/`type` lists choose the branch that ends soonest (a scalar, `null`,
 * an object whose required properties do not come back to the schema being built) and arrays
 * shrink to `minItems`. json-schema-faker is nicer on the eye but cuts recursion at a depth by
 * writing `{}`, which breaks `required`; the mock falls back to this generator when jsf's value
 * does not validate (see `generate` in src/mock/responses.ts), and fakeValue uses it directly for
 * a schema that reaches a `$ref` cycle (see src/schema/recursion.ts).
 */
export interface SampleOptions {
  /** Nesting (through `$ref`s) after which only terminating branches are taken. Default 3. */
  depth?: number;
  /** Use `example`/`default` values found in the schema. Default true. */
  useExamples?: boolean;
  /**
   * Fill every optional property and give arrays an item (above `depth`): a value that tells the
   * branches of an overlapping `oneOf` apart. Default false (optional properties by chance).
   */
  full?: boolean;
}

type Schemas = Record<string, JsonSchema>;

interface Ctx {
  schemas: Schemas;
  random: () => number;
  depth: number;
  useExamples: boolean;
  full: boolean;
  /** How many times each named schema is being built on the current path. */
  active: Map<string, number>;
}

/** `#/components/schemas/A/properties/b` → the name `A` and the schema at that pointer. */
function resolveRef(
  ref: string,
  schemas: Schemas,
): { name: string; schema: JsonSchema } | undefined {
  if (!ref.startsWith(SCHEMA_REF_PREFIX)) return undefined;
  const [first, ...rest] = ref.slice(SCHEMA_REF_PREFIX.length).split('/');
  const name = unescapePointerToken(first ?? '');
  let node: unknown = schemas[name];
  for (const token of rest) {
    const key = unescapePointerToken(token);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node)) node = node[key];
    else return undefined;
  }
  if (node === undefined || (typeof node !== 'boolean' && !isRecord(node))) return undefined;
  return {
    name: rest.length === 0 ? name : `${name}/${rest.join('/')}`,
    schema: node as JsonSchema,
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length) % items.length] as T;
}

function typesOf(schema: JsonSchemaObject): string[] {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  if (isRecord(schema.properties) || Array.isArray(schema.required)) return ['object'];
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return ['array'];
  if (schema.pattern !== undefined || schema.format !== undefined) return ['string'];
  if (typeof schema.minimum === 'number' || typeof schema.maximum === 'number') return ['number'];
  return [];
}

/** Named schemas a schema reaches without passing through an optional place (approximate). */
function refsOf(schema: JsonSchema | undefined, out: Set<string>, seen = new Set<object>()): void {
  if (!isRecord(schema) || seen.has(schema)) return;
  seen.add(schema);
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.startsWith(SCHEMA_REF_PREFIX)
      ? unescapePointerToken(schema.$ref.slice(SCHEMA_REF_PREFIX.length).split('/')[0] ?? '')
      : schema.$ref;
    out.add(name);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const s of list) refsOf(s as JsonSchema, out, seen);
  }
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  if (isRecord(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties))
      if (required.has(name)) refsOf(sub as JsonSchema, out, seen);
  }
  if (typeof schema.minItems === 'number' && schema.minItems > 0)
    refsOf(schema.items as JsonSchema, out, seen);
}

/**
 * How far a branch is from ending: 0 for a scalar or a schema that reaches nothing being built,
 * more for each named schema on the current path it must build again.
 */
function cost(schema: JsonSchema, ctx: Ctx): number {
  if (!isRecord(schema)) return 0;
  const refs = new Set<string>();
  refsOf(schema, refs);
  let total = 0;
  for (const name of refs) total += 1 + (ctx.active.get(name) ?? 0) * 10;
  const types = typesOf(schema);
  if (types.includes('null')) return 0;
  return total;
}

function deep(ctx: Ctx, level: number): boolean {
  return level >= ctx.depth;
}

/** The cheapest-ending branch when deep, a random one otherwise. */
function chooseBranch(branches: JsonSchema[], ctx: Ctx, level: number): JsonSchema {
  if (!deep(ctx, level)) return pick(branches, ctx.random);
  let best = branches[0] as JsonSchema;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const branch of branches) {
    const c = cost(branch, ctx);
    if (c < bestCost) {
      best = branch;
      bestCost = c;
    }
  }
  return best;
}

/** `allOf` members (and a chosen `anyOf`/`oneOf` branch) merged into one object schema. */
function merge(base: JsonSchemaObject, extra: JsonSchema, ctx: Ctx): JsonSchemaObject {
  const other = resolveShallow(extra, ctx);
  if (!isRecord(other)) return base;
  const out: JsonSchemaObject = { ...other, ...base };
  if (isRecord(base.properties) || isRecord(other.properties)) {
    out.properties = {
      ...(isRecord(other.properties) ? other.properties : {}),
      ...(isRecord(base.properties) ? base.properties : {}),
    };
  }
  const required = new Set<string>([
    ...(Array.isArray(base.required) ? (base.required as string[]) : []),
    ...(Array.isArray(other.required) ? (other.required as string[]) : []),
  ]);
  if (required.size > 0) out.required = [...required];
  if (base.type === undefined && other.type !== undefined) out.type = other.type;
  if (base.additionalProperties === undefined && other.additionalProperties !== undefined)
    out.additionalProperties = other.additionalProperties;
  return out;
}

/** Follows `$ref`s of a schema used only as a merge source (no recursion bookkeeping). */
function resolveShallow(schema: JsonSchema, ctx: Ctx): JsonSchema {
  let current = schema;
  for (let hops = 0; hops < 8 && isRecord(current) && typeof current.$ref === 'string'; hops++) {
    const target = resolveRef(current.$ref, ctx.schemas);
    if (!target) return {};
    const { $ref: _ref, ...rest } = current;
    current = isRecord(target.schema) ? { ...target.schema, ...rest } : target.schema;
  }
  return current;
}

function flattenAllOf(schema: JsonSchemaObject, ctx: Ctx): JsonSchemaObject {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...rest } = schema;
  let out: JsonSchemaObject = rest;
  for (const member of allOf as JsonSchema[]) {
    const resolved = resolveShallow(member, ctx);
    out = merge(out, isRecord(resolved) ? flattenAllOf(resolved, ctx) : resolved, ctx);
  }
  return out;
}

const FORMATS: Record<string, (random: () => number) => string> = {
  'date-time': () => '2024-05-17T10:30:00Z',
  date: () => '2024-05-17',
  time: () => '10:30:00Z',
  email: () => 'user@example.com',
  'idn-email': () => 'user@example.com',
  uuid: (r) =>
    'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(r() * 16).toString(16)),
  uri: () => 'https://example.com/resource',
  'uri-reference': () => '/resource',
  iri: () => 'https://example.com/resource',
  url: () => 'https://example.com/resource',
  hostname: () => 'example.com',
  'idn-hostname': () => 'example.com',
  ipv4: () => '192.0.2.1',
  ipv6: () => '2001:db8::1',
  byte: () => 'ZXhhbXBsZQ==',
  duration: () => 'P1D',
  'json-pointer': () => '/a',
  regex: () => '^a$',
};

function sampleString(schema: JsonSchemaObject, ctx: Ctx): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  let text: string;
  if (typeof schema.pattern === 'string') {
    try {
      text = sampleRegex(schema.pattern, ctx.random);
    } catch {
      text = 'string';
    }
  } else if (typeof schema.format === 'string' && FORMATS[schema.format]) {
    return (FORMATS[schema.format] as (r: () => number) => string)(ctx.random);
  } else text = pick(['alpha', 'bravo', 'charlie', 'delta', 'echo'], ctx.random);
  while (text.length < min) text += 'x';
  if (text.length > max) text = text.slice(0, max);
  return text;
}

function sampleNumber(schema: JsonSchemaObject, integer: boolean, ctx: Ctx): number {
  let low = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  let high = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const step = integer ? 1 : 0.5;
  if (typeof schema.exclusiveMinimum === 'number') low = schema.exclusiveMinimum + step;
  if (typeof schema.exclusiveMaximum === 'number') high = schema.exclusiveMaximum - step;
  low ??= high !== undefined ? Math.min(0, high) : 0;
  high ??= low + 100;
  if (high < low) high = low;
  let value = low + Math.floor(ctx.random() * (Math.min(high, low + 1000) - low + 1));
  if (integer) value = Math.ceil(value);
  const multiple = typeof schema.multipleOf === 'number' ? schema.multipleOf : undefined;
  if (multiple && multiple > 0) {
    value = Math.ceil(low / multiple) * multiple;
    if (value > high) value = Math.floor(high / multiple) * multiple;
  }
  return value;
}

function sampleObject(schema: JsonSchemaObject, ctx: Ctx, level: number): Record<string, unknown> {
  const properties = isRecord(schema.properties)
    ? (schema.properties as Record<string, JsonSchema>)
    : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const out: Record<string, unknown> = {};
  const closed = schema.additionalProperties === false || schema.unevaluatedProperties === false;
  for (const name of Object.keys(properties)) {
    const optional = !required.has(name);
    if (optional && (deep(ctx, level) || (!ctx.full && ctx.random() < 0.5))) continue;
    const sub = properties[name] as JsonSchema;
    if (isRecord(sub) && sub.readOnly === true && optional) continue;
    out[name] = build(sub, ctx, level);
  }
  for (const name of required) {
    if (name in out) continue;
    if (closed && !(name in properties)) continue;
    const extra =
      isRecord(schema.additionalProperties) || typeof schema.additionalProperties === 'boolean'
        ? (schema.additionalProperties as JsonSchema)
        : {};
    out[name] = build(extra === true ? {} : extra, ctx, level);
  }
  const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  for (const name of Object.keys(properties)) {
    if (Object.keys(out).length >= minProperties) break;
    if (!(name in out)) out[name] = build(properties[name] as JsonSchema, ctx, level);
  }
  for (let i = 0; Object.keys(out).length < minProperties && !closed && i < 100; i++) {
    const extra = isRecord(schema.additionalProperties)
      ? (schema.additionalProperties as JsonSchema)
      : {};
    out[`property${i}`] = build(extra, ctx, level);
  }
  return out;
}

function sampleArray(schema: JsonSchemaObject, ctx: Ctx, level: number): unknown[] {
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : min + 2;
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : [];
  const wanted = deep(ctx, level)
    ? min
    : Math.min(max, Math.max(min, 1 + Math.floor(ctx.random() * (ctx.full ? 1 : 2))));
  const count = Math.max(wanted, Math.min(prefix.length, max));
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 0, tries = 0; out.length < count && tries < count * 5 + 5; tries++) {
    const itemSchema =
      i < prefix.length
        ? (prefix[i] as JsonSchema)
        : ((schema.items as JsonSchema | undefined) ?? {});
    if (itemSchema === false) break;
    const value = build(itemSchema, ctx, level);
    if (schema.uniqueItems === true) {
      const key = JSON.stringify(value);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(value);
    i++;
  }
  return out;
}

/** Past this nesting a schema that cannot end (a required property that is itself) gets null. */
const HARD_LIMIT = 64;

function build(schema: JsonSchema, ctx: Ctx, level: number): unknown {
  if (level > HARD_LIMIT) return null;
  if (schema === true) return {};
  if (schema === false || !isRecord(schema)) return null;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, ctx.schemas);
    if (!target) return {};
    const { $ref: _ref, ...siblings } = schema;
    const merged =
      isRecord(target.schema) && Object.keys(siblings).length > 0
        ? merge(siblings, target.schema, ctx)
        : target.schema;
    const count = ctx.active.get(target.name) ?? 0;
    ctx.active.set(target.name, count + 1);
    try {
      return build(merged, ctx, level + 1);
    } finally {
      ctx.active.set(target.name, count);
    }
  }
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pick(schema.enum, ctx.random);
  if (ctx.useExamples) {
    if (schema.example !== undefined) return schema.example;
    if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
    if (schema.default !== undefined) return schema.default;
  }
  let current = flattenAllOf(schema, ctx);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = current[key];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    const { [key]: _list, ...rest } = current;
    const branch = chooseBranch(branches as JsonSchema[], ctx, level);
    const hasOwnShape = Object.keys(rest).some(
      (k) => k !== 'discriminator' && k !== 'description' && k !== 'title',
    );
    if (!hasOwnShape) return build(branch, ctx, level);
    // A referenced branch merged with the schema's own keywords is still entered through its
    // $ref: counted like one (a level deeper, the name active), or a recursive `anyOf` whose
    // list sits beside other keywords (`x-expansionResources`, `nullable`) never ends.
    if (isRecord(branch) && typeof branch.$ref === 'string')
      return build({ ...rest, ...branch }, ctx, level);
    current = flattenAllOf(merge(rest, branch, ctx), ctx);
  }
  const types = typesOf(current);
  let type: string | undefined;
  if (types.length > 1) {
    type =
      deep(ctx, level) && types.includes('null')
        ? 'null'
        : pick(
            types.filter((t) => t !== 'null').length > 0
              ? types.filter((t) => t !== 'null')
              : types,
            ctx.random,
          );
  } else type = types[0];
  switch (type) {
    case 'object':
      return sampleObject(current, ctx, level);
    case 'array':
      return sampleArray(current, ctx, level);
    case 'string':
      return sampleString(current, ctx);
    case 'integer':
      return sampleNumber(current, true, ctx);
    case 'number':
      return sampleNumber(current, false, ctx);
    case 'boolean':
      return ctx.random() < 0.5;
    case 'null':
      return null;
    default:
      return {};
  }
}

/**
 * A value for `schema` built to be valid: see the module comment.
 *
 * @example
 * sampleValue({ $ref: '#/components/schemas/Node' }, service.schemas, seededRandom(1));
 * // → { name: 'alpha', children: [{ value: 3 }] } — every required property, recursion ended
 */
export function sampleValue(
  schema: JsonSchema,
  schemas: Schemas,
  random: () => number,
  options: SampleOptions = {},
): unknown {
  return build(
    schema,
    {
      schemas,
      random,
      depth: options.depth ?? 3,
      useExamples: options.useExamples ?? true,
      full: options.full ?? false,
      active: new Map(),
    },
    0,
  );
}
