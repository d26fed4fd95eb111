import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { DataValidationCxt, SchemaValidateFunction } from 'ajv/dist/types/index.js';
import addFormatsPlugin from 'ajv-formats';
import { type JsonSchema, type JsonSchemaObject, SCHEMA_REF_PREFIX } from '../model/index.js';

/** One reason a value does not match a schema. */
export interface SchemaIssue {
  /** JSON pointer into the checked value (`''` for the value itself). */
  path: string;
  /** Readable sentence, e.g. `must have required property 'name'`. */
  message: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `format`, ...). */
  keyword: string;
}

export interface SchemaCompiler {
  /**
   * Compiles once per schema (cached by identity, then by content, so the same inline schema or
   * `{$ref}` written out per operation compiles once); the validator returns `[]` when valid.
   */
  compile(schema: JsonSchema): (value: unknown) => SchemaIssue[];
  /**
   * Why `schema` itself does not compile (a broken `pattern`, a dangling `$ref`), or undefined.
   * Named schemas it refers to are compiled when a value reaches them, so ask for each of them to
   * know about the whole graph.
   */
  problem(schema: JsonSchema): string | undefined;
}

/** Named schema `X` is registered in ajv as `gauntlet:schema/X`; model refs are rewritten to it. */
const SCHEMA_ID_PREFIX = 'gauntlet:schema/';
/** Keywords whose values are data, not schemas: `$ref`s inside them are not rewritten. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example', 'discriminator']);

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const FLOAT_MAX = 3.4028234663852886e38;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const VALID = (): SchemaIssue[] => [];

/**
 * Compiles model schemas (JSON Schema 2020-12, see src/model/schema.ts) with one ajv instance
 * per service, set up on the first compile. Each named schema of the service is handed to ajv,
 * under its own id, the first time a compiled schema reaches it, and `#/components/schemas/<name>`
 * references are pointed at those ids, so circular and shared schemas compile once and a big
 * contract costs nothing until its schemas are used; a bare `{$ref}` compiles as the named schema
 * itself. A reference to a named schema is compiled when a value first reaches it, not when the
 * schema holding it is compiled: on a large API whose schemas all reach each other (an expandable
 * field, a parent, a list of children), compiling one response used to compile the whole graph
 * (seconds, on the first request of `gauntlet mock`). Where a schema needs ajv to see through a
 * reference (`unevaluatedProperties`/`unevaluatedItems`, `$dynamicRef`), references are compiled
 * up front as before. OpenAPI formats (int32, int64, float, double, byte, binary, password) are
 * known; `discriminator` and other unknown keywords are annotations. A schema that cannot be
 * compiled (a broken `pattern`, a dangling `$ref`) yields a validator reporting one issue with
 * keyword `schema`, instead of throwing.
 *
 * @example
 * const compiler = createSchemaCompiler(service.schemas);
 * const check = compiler.compile({ $ref: '#/components/schemas/Pet' });
 * check({ id: 1 }); // [{ path: '', keyword: 'required', message: "must have required property 'name'" }]
 */
export function createSchemaCompiler(schemas: Record<string, JsonSchema>): SchemaCompiler {
  // Built on first use: an engine that never validates never pays for ajv's setup.
  const registries: { lazy?: Registry; eager?: Registry } = {};
  let lazyAllowed: boolean | undefined;
  const registry = (lazy: boolean): Registry => {
    const existing = lazy ? registries.lazy : registries.eager;
    if (existing) return existing;
    const created = createRegistry(schemas, lazy);
    if (lazy) registries.lazy = created;
    else registries.eager = created;
    return created;
  };
  const byIdentity = new WeakMap<object, Validator>();
  /** Equal schemas written out again per operation (parameters, `{$ref}`s) compile once. */
  const byContent = new Map<string, Validator>();
  const problems = new WeakMap<Validator, string>();

  const build = (schema: JsonSchemaObject): Validator => {
    try {
      lazyAllowed ??= !needsEagerRefs(schemas);
      const target = registry(lazyAllowed && !needsEagerRefs(schema));
      // `{$ref: '#/components/schemas/X'}` is the registry's own subschema: compiled once, and
      // its refs resolve inside the registry (no rewritten copy).
      const ref = plainRef(schema);
      let validate: ValidateFunction | undefined;
      if (ref === undefined) {
        const refs = new Set<string>();
        const prepared = prepare(schema, refs, target.lazy);
        target.register(refs);
        validate = target.ajv.compile(prepared as JsonSchemaObject);
      } else {
        const { name, uri } = refTarget(ref);
        target.register([name]);
        validate = target.ajv.getSchema(uri);
      }
      if (!validate) throw new Error(`can't resolve reference ${ref ?? ''}`);
      const check = validate;
      let broken: Validator | undefined;
      return (value) => {
        if (broken) return broken(value);
        try {
          return check(value) ? [] : toIssues(check);
        } catch (error) {
          // A schema reached for the first time by this value did not compile: from now on this
          // validator reports it, as it would have had the schema been compiled up front.
          if (!(error instanceof LazyRefError)) throw error;
          broken = uncheckable(error.message);
          return broken(value);
        }
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const validator = uncheckable(reason);
      problems.set(validator, reason);
      return validator;
    }
  };

  const compile = (schema: JsonSchema): Validator => {
    if (schema === true) return VALID;
    if (schema === false) return ALWAYS_FALSE;
    const cached = byIdentity.get(schema);
    if (cached) return cached;
    const key = contentKey(schema);
    let validator = key === undefined ? undefined : byContent.get(key);
    if (!validator) {
      validator = build(schema);
      if (key !== undefined) byContent.set(key, validator);
    }
    byIdentity.set(schema, validator);
    return validator;
  };
  return { compile, problem: (schema) => problems.get(compile(schema)) };
}

function uncheckable(reason: string): Validator {
  return () => [
    {
      path: '',
      keyword: 'schema',
      message: `cannot be checked: the schema does not compile (${reason})`,
    },
  ];
}

/** A named schema reached through a lazy reference did not compile. */
class LazyRefError extends Error {}

/** The keyword a reference to a named schema becomes when it is compiled on first use. */
const LAZY_REF = 'gauntletLazyRef';

/** Keywords that need ajv to see through references (evaluated properties, dynamic scope). */
const SEES_THROUGH_REFS =
  /"(?:unevaluatedProperties|unevaluatedItems|\$dynamicRef|\$recursiveRef)"/;

function needsEagerRefs(schema: unknown): boolean {
  try {
    return SEES_THROUGH_REFS.test(JSON.stringify(schema) ?? '');
  } catch {
    return true;
  }
}

/** One ajv instance and the named schemas handed to it so far. */
interface Registry {
  ajv: Ajv2020;
  lazy: boolean;
  /** Hands named schemas to ajv (with the ones they refer to, unless references are lazy). */
  register(names: Iterable<string>): void;
}

function createRegistry(schemas: Record<string, JsonSchema>, lazy: boolean): Registry {
  const ajv = createAjv();
  const registered = new Set<string>();
  const register = (names: Iterable<string>): void => {
    const queue = [...names];
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      if (registered.has(name)) continue;
      registered.add(name);
      const schema = schemas[name];
      if (schema === undefined) continue; // a dangling ref: ajv reports it when compiling
      const refs = new Set<string>();
      const prepared = prepare(schema, refs, lazy);
      if (typeof prepared === 'object') delete prepared.$id;
      ajv.addSchema(prepared as JsonSchemaObject, schemaId(name));
      // Lazy references register their target when a value reaches it.
      if (!lazy) for (const ref of refs) queue.push(ref);
    }
  };
  if (lazy) {
    const compiled = new Map<string, ValidateFunction>();
    // Called by the compiled code where a value meets a reference: compiles the target the first
    // time, then validates the value there with the same context (instance path, root data), so
    // its errors read exactly as if the target had been compiled in place.
    const lazyRef: SchemaValidateFunction = (
      uri: string,
      data: unknown,
      _parent?: unknown,
      context?: DataValidationCxt,
    ) => {
      let target = compiled.get(uri);
      if (target === undefined) {
        try {
          register([nameOfUri(uri)]);
          target = ajv.getSchema(uri);
        } catch (error) {
          throw new LazyRefError(error instanceof Error ? error.message : String(error));
        }
        if (target === undefined) throw new LazyRefError(`can't resolve reference ${uri}`);
        compiled.set(uri, target);
      }
      if (target(data, context)) return true;
      lazyRef.errors = target.errors ? [...target.errors] : [];
      return false;
    };
    ajv.addKeyword({ keyword: LAZY_REF, schemaType: 'string', errors: true, validate: lazyRef });
  }
  return { ajv, lazy, register };
}

type Validator = (value: unknown) => SchemaIssue[];

const ALWAYS_FALSE = (): SchemaIssue[] => [
  { path: '', keyword: 'false schema', message: 'no value is allowed here' },
];

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    logger: false,
    // OpenAPI patterns are ECMA-262 without the u flag (`\-`, `\_` are common and valid there).
    unicodeRegExp: false,
    addUsedSchema: false,
    validateSchema: false,
    // ajv's code optimiser costs ~2.5× the compile time (a 50-property schema: 20 → 8 ms) and
    // buys little at run time (measured with bench/bench-mock.ts: within noise, ≤ 10%).
    code: { optimize: false },
    // A named schema used by many operations (`items: {$ref: Pet}`) is one function they all
    // call, rather than its code copied into each of them.
    inlineRefs: false,
  });
  addFormatsPlugin.default(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Math.abs(n) <= FLOAT_MAX });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', { type: 'string', validate: (s: string) => BASE64.test(s) });
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  return ajv;
}

/** Keywords that never change whether a value is valid. */
const ANNOTATIONS = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  '$schema',
]);

/** The `#/components/schemas/...` pointer of a schema that is a bare reference (plus annotations). */
function plainRef(schema: JsonSchemaObject): string | undefined {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith(SCHEMA_REF_PREFIX)) return undefined;
  for (const key in schema) {
    if (key !== '$ref' && !ANNOTATIONS.has(key) && !key.startsWith('x-')) return undefined;
  }
  return ref;
}

/** A cache key for a schema's content; undefined when it cannot be serialised. */
function contentKey(schema: JsonSchemaObject): string | undefined {
  const ref = plainRef(schema);
  if (ref !== undefined) return ref;
  try {
    return JSON.stringify(schema);
  } catch {
    return undefined;
  }
}

function schemaId(name: string): string {
  return SCHEMA_ID_PREFIX + encodeURIComponent(name);
}

/** `#/components/schemas/A~1B/properties/x` → the name `A/B` and `gauntlet:schema/A%2FB#/properties/x`. */
function refTarget(ref: string): { name: string; uri: string } {
  const rest = ref.slice(SCHEMA_REF_PREFIX.length);
  const slash = rest.indexOf('/');
  const segment = slash < 0 ? rest : rest.slice(0, slash);
  const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return { name, uri: `${schemaId(name)}#${slash < 0 ? '' : rest.slice(slash)}` };
}

/** `gauntlet:schema/A%2FB#/properties/x` → `A/B`. */
function nameOfUri(uri: string): string {
  const hash = uri.indexOf('#');
  return decodeURIComponent(uri.slice(SCHEMA_ID_PREFIX.length, hash < 0 ? undefined : hash));
}

/**
 * Copies a schema for ajv: drops `$schema` (model schemas are 2020-12 whatever they declare),
 * points `#/components/schemas/...` refs at the named schema's ajv id (as a lazy reference when
 * `lazy`), and adds the names it refers to to `refs`.
 */
function prepare<T>(value: T, refs: Set<string>, lazy: boolean): T {
  const walk = (node: unknown, dataOnly: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, dataOnly));
    if (typeof node !== 'object' || node === null) return node;
    if (dataOnly) return node;
    const out: Record<string, unknown> = {};
    for (const key in node) {
      const child = (node as Record<string, unknown>)[key];
      if (key === '$schema') continue;
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF_PREFIX)) {
        const target = refTarget(child);
        refs.add(target.name);
        // 2020-12 applies a $ref beside other keywords: the lazy keyword sits there the same way.
        out[lazy ? LAZY_REF : key] = target.uri;
        continue;
      }
      out[key] = walk(child, DATA_KEYWORDS.has(key));
    }
    return out;
  };
  return walk(value, false) as T;
}

function toIssues(validate: ValidateFunction): SchemaIssue[] {
  return (validate.errors ?? []).map(toIssue);
}

function toIssue(error: ErrorObject): SchemaIssue {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? `must pass "${error.keyword}"`;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    message = `must NOT have additional property '${params.additionalProperty}'`;
  } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (error.keyword === 'const') {
    message = `must be ${JSON.stringify(params.allowedValue)}`;
  }
  return { path: error.instancePath, message, keyword: error.keyword };
}
