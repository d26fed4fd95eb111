import { essence, isJsonMediaType } from '../../http/media-type.js';
import type { SchemaCompiler } from '../../matching/json-schema.js';
import type {
  Diagnostic,
  HttpOperation,
  JsonSchema,
  MediaContent,
  Parameter,
  Service,
} from '../../model/index.js';
import { coerceToSchema, deref, schemaTypes } from '../../schema/coerce.js';
import { fakeValue } from '../../schema/fake.js';
import { isRecord } from '../../util/guards.js';
import { hashString, seededRandom } from '../../util/random.js';
import { coverageValues } from './coverage.js';
import type { ConformanceCase, ConformancePhase, ConformanceRequest } from './types.js';
import { firstExample, invalidValues, schemaExample } from './values.js';

export interface BuildCasesOptions {
  /** Generated cases per operation, on top of the example case. */
  cases: number;
  seed: number;
  compiler: SchemaCompiler;
  /** Coverage cases (valid and negative) per operation at most (default 200). */
  maxCoverage?: number;
  /** The phases to build cases for (default: examples, coverage, generated). */
  phases?: readonly ConformancePhase[];
}

/** A request before serialisation: one value per parameter, and the body. */
export interface Draft {
  params: Map<Parameter, unknown>;
  body?: { content: MediaContent; value: unknown };
}

const MAX_ATTEMPTS = 5;

function requestContent(op: HttpOperation): MediaContent | undefined {
  const contents = op.requestBody?.contents ?? [];
  return (
    contents.find((c) => isJsonMediaType(c.mediaType) && !c.mediaType.includes('*')) ?? contents[0]
  );
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Serialises the draft: path `simple` style, query `form` style (arrays repeat), JSON or form bodies. */
export function toRequest(op: HttpOperation, draft: Draft): ConformanceRequest {
  let path = op.path;
  const query: Array<[string, string]> = [];
  const headers: Record<string, string> = {};
  for (const [param, value] of draft.params) {
    if (param.in === 'path') {
      const text = Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
      path = path.split(`{${param.name}}`).join(encodeURIComponent(text));
    } else if (param.in === 'query') {
      if (Array.isArray(value) && param.explode !== false) {
        for (const item of value) query.push([param.name, scalar(item)]);
      } else if (Array.isArray(value)) {
        query.push([param.name, value.map(scalar).join(',')]);
      } else if (isRecord(value) && param.style === 'deepObject') {
        for (const [k, v] of Object.entries(value)) query.push([`${param.name}[${k}]`, scalar(v)]);
      } else {
        query.push([param.name, scalar(value)]);
      }
    } else if (param.in === 'header') {
      headers[param.name.toLowerCase()] = scalar(value);
    } else if (param.in === 'cookie') {
      const cookie = `${param.name}=${encodeURIComponent(scalar(value))}`;
      headers.cookie = headers.cookie ? `${headers.cookie}; ${cookie}` : cookie;
    }
  }
  const request: ConformanceRequest = { method: op.method, path, query, headers };
  if (draft.body) {
    const mediaType = draft.body.content.mediaType.includes('*')
      ? 'application/json'
      : draft.body.content.mediaType;
    headers['content-type'] = mediaType;
    const value = draft.body.value;
    if (essence(mediaType) === 'application/x-www-form-urlencoded' && isRecord(value)) {
      request.body = new URLSearchParams(
        Object.entries(value).map(([k, v]) => [k, scalar(v)]),
      ).toString();
    } else if (isJsonMediaType(mediaType)) {
      request.body = JSON.stringify(value);
    } else {
      request.body = scalar(value);
    }
  }
  return request;
}

/** Parameters worth sending: path ones always, others when required or (for generated cases) half the time. */
function paramsOf(op: HttpOperation): Parameter[] {
  return op.parameters.filter((p) => p.in === 'path' || p.required || p.examples.length > 0);
}

/** Makes a valid draft; `useExamples` takes the spec's examples first. Undefined when no valid value was found. */
export function makeDraft(
  op: HttpOperation,
  service: Service,
  compiler: SchemaCompiler,
  random: () => number,
  useExamples: boolean,
): Draft | undefined {
  const params = new Map<Parameter, unknown>();
  for (const param of paramsOf(op)) {
    const check = param.schema === undefined ? () => [] : compiler.compile(param.schema);
    let value: unknown;
    let ok = false;
    const fromSpec = useExamples ? firstExample(param.examples) : { found: false };
    const fromSchema = useExamples
      ? schemaExample(param.schema, service.schemas)
      : { found: false };
    if (fromSpec.found && check(fromSpec.value).length === 0) {
      value = fromSpec.value;
      ok = true;
    } else if (fromSchema.found && check(fromSchema.value).length === 0) {
      value = fromSchema.value;
      ok = true;
    }
    for (let attempt = 0; !ok && attempt < MAX_ATTEMPTS; attempt++) {
      value = fakeValue(param.schema ?? { type: 'string' }, service.schemas, random);
      // An empty path segment would route elsewhere: not a value of this operation.
      ok = check(value).length === 0 && !(param.in === 'path' && scalar(value) === '');
    }
    if (!ok) return undefined;
    params.set(param, value);
  }
  const content = requestContent(op);
  if (!content) return { params };
  const schema: JsonSchema = content.schema ?? {};
  const check = compiler.compile(schema);
  const fromSpec = useExamples ? firstExample(content.examples) : { found: false };
  if (fromSpec.found && check(fromSpec.value).length === 0) {
    return { params, body: { content, value: fromSpec.value } };
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const value = fakeValue(schema, service.schemas, random);
    if (check(value).length === 0) return { params, body: { content, value } };
  }
  return op.requestBody?.required ? undefined : { params };
}

/** Variants of a valid draft, each labelled with what it changes. */
type DraftVariants = (
  op: HttpOperation,
  service: Service,
  compiler: SchemaCompiler,
  valid: Draft,
) => Array<{ label: string; draft: Draft }>;

/** Invalid variants of a valid draft, each confirmed invalid by the schema compiler. */
const negativeDrafts: DraftVariants = (op, service, compiler, valid) => {
  const out: ReturnType<DraftVariants> = [];
  const withParam = (param: Parameter, value: unknown | typeof OMIT): Draft => {
    const params = new Map(valid.params);
    if (value === OMIT) params.delete(param);
    else params.set(param, value);
    return { ...valid, params };
  };
  for (const param of op.parameters) {
    if (param.in !== 'path' && param.required && valid.params.has(param)) {
      out.push({
        label: `${param.in}: missing required '${param.name}'`,
        draft: withParam(param, OMIT),
      });
    }
    if (!valid.params.has(param)) continue;
    const check = param.schema === undefined ? undefined : compiler.compile(param.schema);
    for (const bad of invalidValues(param.schema, service.schemas, compiler)) {
      // Objects cannot travel in a path or header; an empty path segment changes the route.
      if (isRecord(bad.value) && param.in !== 'query') continue;
      if (param.in === 'path' && scalar(bad.value) === '') continue;
      // On the wire every parameter is text: 12345 for a string parameter is the valid "12345".
      const wire = coerceToSchema(scalar(bad.value), param.schema, service.schemas);
      if (check && check(wire).length === 0) continue;
      out.push({
        label: `${param.in} '${param.name}': ${bad.label}`,
        draft: withParam(param, bad.value),
      });
    }
  }
  const body = valid.body;
  if (body) {
    const schema: JsonSchema = body.content.schema ?? {};
    const check = compiler.compile(schema);
    const variants: Array<{ label: string; value: unknown }> = [];
    const s = deref(schema, service.schemas);
    if (isRecord(body.value) && s) {
      const required = Array.isArray(s.required)
        ? (s.required as unknown[]).filter((r): r is string => typeof r === 'string')
        : [];
      for (const name of required) {
        if (!(name in body.value)) continue;
        const { [name]: _dropped, ...rest } = body.value;
        variants.push({ label: `body: missing required '${name}'`, value: rest });
      }
      const properties = isRecord(s.properties) ? s.properties : {};
      for (const [name, propSchema] of Object.entries(properties)) {
        for (const bad of invalidValues(propSchema as JsonSchema, service.schemas, compiler)) {
          variants.push({
            label: `body '${name}': ${bad.label}`,
            value: { ...body.value, [name]: bad.value },
          });
        }
      }
      if (s.additionalProperties === false) {
        variants.push({
          label: 'body: an undeclared property',
          value: { ...body.value, 'x-unexpected': 1 },
        });
      }
    }
    const types = schemaTypes(schema, service.schemas);
    if (types.length > 0 && !types.includes('array')) {
      variants.push({ label: `body: an array instead of ${types.join('|')}`, value: [] });
    }
    for (const variant of variants) {
      if (check(variant.value).length === 0) continue;
      out.push({
        label: variant.label,
        draft: { ...valid, body: { content: body.content, value: variant.value } },
      });
    }
    if (op.requestBody?.required) {
      const { body: _omitted, ...rest } = valid;
      out.push({ label: 'body: missing (the body is required)', draft: rest });
    }
  }
  return out;
};

const OMIT = Symbol('omit');

/** Valid boundary and shape variants of a valid draft: one parameter or body property changed each. */
const coverageDrafts: DraftVariants = (op, service, compiler, valid) => {
  const out: ReturnType<DraftVariants> = [];
  for (const param of op.parameters) {
    const check = param.schema === undefined ? undefined : compiler.compile(param.schema);
    for (const good of coverageValues(param.schema, service.schemas, compiler)) {
      if (isRecord(good.value) && param.in !== 'query') continue;
      if (param.in === 'path' && scalar(good.value) === '') continue;
      // What the provider reads back from the wire must still be valid.
      const wire = coerceToSchema(scalar(good.value), param.schema, service.schemas);
      if (check && check(wire).length > 0) continue;
      const params = new Map(valid.params);
      params.set(param, good.value);
      out.push({
        label: `${param.in} '${param.name}': ${good.label}`,
        draft: { ...valid, params },
      });
    }
    if (!param.required && valid.params.has(param)) {
      const params = new Map(valid.params);
      params.delete(param);
      out.push({
        label: `${param.in}: optional '${param.name}' left out`,
        draft: { ...valid, params },
      });
    }
  }
  const body = valid.body;
  if (!body) return out;
  const schema: JsonSchema = body.content.schema ?? {};
  const check = compiler.compile(schema);
  const s = deref(schema, service.schemas);
  const variants: Array<{ label: string; value: unknown }> = [];
  if (isRecord(body.value) && s) {
    const properties = isRecord(s.properties) ? s.properties : {};
    const required = new Set(
      Array.isArray(s.required) ? s.required.filter((r) => typeof r === 'string') : [],
    );
    for (const [name, propSchema] of Object.entries(properties)) {
      for (const good of coverageValues(propSchema as JsonSchema, service.schemas, compiler)) {
        variants.push({
          label: `body '${name}': ${good.label}`,
          value: { ...body.value, [name]: good.value },
        });
      }
      if (!required.has(name) && name in body.value) {
        const { [name]: _dropped, ...rest } = body.value;
        variants.push({ label: `body: optional '${name}' left out`, value: rest });
      }
    }
    const onlyRequired = Object.fromEntries(
      Object.entries(body.value).filter(([name]) => required.has(name)),
    );
    variants.push({ label: 'body: only the required properties', value: onlyRequired });
  } else {
    for (const good of coverageValues(schema, service.schemas, compiler)) {
      variants.push({ label: `body: ${good.label}`, value: good.value });
    }
  }
  for (const variant of variants) {
    if (check(variant.value).length > 0) continue;
    out.push({
      label: variant.label,
      draft: { ...valid, body: { content: body.content, value: variant.value } },
    });
  }
  if (!op.requestBody?.required) {
    const { body: _omitted, ...rest } = valid;
    out.push({ label: 'body: left out (it is optional)', draft: rest });
  }
  return out;
};

/** A key that is equal for two requests that send the same bytes. */
function requestKey(request: ConformanceRequest): string {
  return JSON.stringify([
    request.method,
    request.path,
    request.query,
    request.headers,
    request.body,
  ]);
}

/**
 * Builds the requests for every operation of a service, by phase:
 * - `examples`: one request from the spec's examples (generated values where it gives none);
 * - `coverage`: the example request with one parameter or body property changed to each of its
 *   boundary and shape values (see `coverageValues`: enum members, pattern-derived strings,
 *   min/max lengths and values, optional fields left out), then the negative twins (the wrong
 *   type, one over a bound, a pattern broken, a required field or the body missing, an
 *   undeclared property where the schema is closed);
 * - `generated`: `cases` seeded random requests (the same seed gives the same requests).
 * Every valid value is checked against its schema and every negative one confirmed invalid, so
 * the checks judge the provider, not the generator; requests that repeat one already built are
 * dropped.
 *
 * @example
 * const { cases } = buildCases(service, { cases: 5, seed: 1, compiler: createSchemaCompiler(service.schemas) });
 */
export function buildCases(
  service: Service,
  options: BuildCasesOptions,
): { cases: ConformanceCase[]; diagnostics: Diagnostic[] } {
  const cases: ConformanceCase[] = [];
  const diagnostics: Diagnostic[] = [];
  const maxCoverage = options.maxCoverage ?? 200;
  const phases = new Set(options.phases ?? ['examples', 'coverage', 'generated']);
  for (const op of service.operations) {
    const base = { operationId: op.id, method: op.method, pathTemplate: op.path };
    const seen = new Set<string>();
    const add = (
      phase: ConformanceCase['phase'],
      source: ConformanceCase['source'],
      label: string,
      draft: Draft,
    ): boolean => {
      const request = toRequest(op, draft);
      const key = requestKey(request);
      if (seen.has(key)) return false;
      seen.add(key);
      cases.push({ ...base, phase, source, label, request });
      return true;
    };
    const exampleDraft = makeDraft(
      op,
      service,
      options.compiler,
      seededRandom(hashString(`${options.seed}:${op.id}:example`)),
      true,
    );
    if (exampleDraft && phases.has('examples')) add('examples', 'example', 'example', exampleDraft);
    if (exampleDraft && phases.has('coverage')) {
      let added = 0;
      for (const v of coverageDrafts(op, service, options.compiler, exampleDraft)) {
        if (added >= maxCoverage) break;
        if (add('coverage', 'coverage', v.label, v.draft)) added++;
      }
      for (const v of negativeDrafts(op, service, options.compiler, exampleDraft)) {
        if (added >= maxCoverage) break;
        if (add('coverage', 'negative', v.label, v.draft)) added++;
      }
    }
    let built = 0;
    const wanted = phases.has('generated') ? options.cases : 0;
    for (let i = 0; i < wanted; i++) {
      const random = seededRandom(hashString(`${options.seed}:${op.id}:${i}`));
      const draft = makeDraft(op, service, options.compiler, random, false);
      if (!draft) continue;
      built++;
      add('generated', 'generated', `generated #${i + 1}`, draft);
    }
    if (!exampleDraft || built < wanted) {
      diagnostics.push({
        code: 'verify.openapi.case.unbuildable',
        severity: 'info',
        message: `${op.method} ${op.path}: ${exampleDraft ? '' : 'no example case, '}${built} of ${wanted} generated cases could be built (the generator found no value valid for every schema).`,
      });
    }
  }
  return { cases, diagnostics };
}
