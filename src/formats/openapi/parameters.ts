import type {
  Encoding,
  JsonSchema,
  JsonSchemaObject,
  MediaContent,
  Parameter,
  ParameterLocation,
  RequestBody,
} from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { readContent, readExamples, styleOf } from './content.js';
import { child, deref, invalid, items, type LoadContext } from './context.js';
import type { Located } from './documents.js';
import type { SchemaConverter } from './schemas.js';
import { collectionStyle, swaggerSimpleSchema } from './swagger-schema.js';

const LOCATIONS = new Set(['path', 'query', 'header', 'cookie']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

type RawParameter = Located<Record<string, unknown>> & { name: string; in: string };

/**
 * Resolves the path item's and the operation's parameter lists and merges them: an operation
 * parameter replaces the path item's one with the same name and location.
 */
export function mergeParameters(
  ctx: LoadContext,
  pathLevel: Located,
  opLevel: Located,
): RawParameter[] {
  const own = resolveList(ctx, opLevel);
  const keys = new Set(own.map(keyOf));
  return [...resolveList(ctx, pathLevel).filter((p) => !keys.has(keyOf(p))), ...own];
}

function keyOf(p: RawParameter): string {
  return `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
}

function resolveList(ctx: LoadContext, node: Located): RawParameter[] {
  if (node.value === undefined) return [];
  if (!Array.isArray(node.value)) {
    invalid(ctx, node, '`parameters` must be an array');
    return [];
  }
  const out: RawParameter[] = [];
  for (const item of items(node)) {
    const at = deref(ctx, item);
    if (!at) continue;
    const v = at.value;
    if (!isRecord(v) || typeof v.name !== 'string' || typeof v.in !== 'string') {
      invalid(ctx, at, 'a Parameter Object needs a string `name` and `in`');
      continue;
    }
    out.push({ ...at, value: v, name: v.name, in: v.in });
  }
  return out;
}

/** OpenAPI 3 parameters → model parameters. */
export function readParameters(
  ctx: LoadContext,
  schemas: SchemaConverter,
  raw: RawParameter[],
): Parameter[] {
  const out: Parameter[] = [];
  for (const p of raw) {
    if (!LOCATIONS.has(p.in)) {
      invalid(ctx, p, `the parameter "${p.name}" has the unknown location "${p.in}"`);
      continue;
    }
    const v = p.value;
    const parameter: Parameter = {
      name: p.name,
      in: p.in as ParameterLocation,
      required: p.in === 'path' ? true : v.required === true,
      examples: readExamples(ctx, p),
    };
    if (p.in === 'path' && v.required !== true) {
      invalid(
        ctx,
        p,
        `the path parameter "${p.name}" must be marked \`required: true\``,
        'warning',
      );
    }
    copyCommon(parameter, v);
    if (v.schema !== undefined) parameter.schema = schemas.convert(child(p, 'schema'));
    if (v.content !== undefined) {
      const content = readContent(ctx, schemas, child(p, 'content'));
      parameter.content = content;
      if (parameter.schema === undefined && content[0]?.schema !== undefined)
        parameter.schema = content[0].schema;
    }
    const style = styleOf(v.style);
    if (style) parameter.style = style;
    if (typeof v.explode === 'boolean') parameter.explode = v.explode;
    if (typeof v.allowReserved === 'boolean') parameter.allowReserved = v.allowReserved;
    out.push(parameter);
  }
  return out;
}

function copyCommon(parameter: Parameter, v: Record<string, unknown>): void {
  if (typeof v.description === 'string') parameter.description = v.description;
  if (typeof v.deprecated === 'boolean') parameter.deprecated = v.deprecated;
  if (typeof v.allowEmptyValue === 'boolean') parameter.allowEmptyValue = v.allowEmptyValue;
}

/**
 * Swagger 2.0 parameters: `in: body` and `in: formData` become the request body (form bodies get
 * an object schema with one property per field, and media types from `consumes`).
 */
export function readSwaggerParameters(
  ctx: LoadContext,
  schemas: SchemaConverter,
  raw: RawParameter[],
  consumes: string[],
): { parameters: Parameter[]; requestBody?: RequestBody } {
  const parameters: Parameter[] = [];
  const form: RawParameter[] = [];
  let body: RawParameter | undefined;
  for (const p of raw) {
    if (p.in === 'body') {
      if (body) invalid(ctx, p, 'an operation may have only one `in: body` parameter');
      else body = p;
      continue;
    }
    if (p.in === 'formData') {
      form.push(p);
      continue;
    }
    if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header') {
      invalid(ctx, p, `the parameter "${p.name}" has the unknown location "${p.in}"`);
      continue;
    }
    const v = p.value;
    const parameter: Parameter = {
      name: p.name,
      in: p.in,
      required: p.in === 'path' ? true : v.required === true,
      examples: v['x-example'] !== undefined ? [{ name: 'default', value: v['x-example'] }] : [],
      schema: swaggerSimpleSchema(schemas, p),
    };
    copyCommon(parameter, v);
    if (v.type === 'array') {
      const style = collectionStyle(v.collectionFormat, p.in);
      if (style) Object.assign(parameter, style);
      else
        invalid(
          ctx,
          p,
          `the collectionFormat "${String(v.collectionFormat)}" cannot be expressed; it is ignored`,
          'warning',
        );
    }
    parameters.push(parameter);
  }
  if (body && form.length > 0) {
    invalid(ctx, body, 'an operation cannot have both `in: body` and `in: formData` parameters');
  }
  if (body) {
    const schema: JsonSchema =
      body.value.schema !== undefined ? schemas.convert(child(body, 'schema')) : {};
    const requestBody: RequestBody = {
      required: body.value.required === true,
      contents: consumes.map((mediaType) => ({ mediaType, schema, examples: [] })),
    };
    if (typeof body.value.description === 'string')
      requestBody.description = body.value.description;
    return { parameters, requestBody };
  }
  if (form.length > 0) return { parameters, requestBody: formBody(ctx, schemas, form, consumes) };
  return { parameters };
}

function formBody(
  ctx: LoadContext,
  schemas: SchemaConverter,
  form: RawParameter[],
  consumes: string[],
): RequestBody {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const encoding: Record<string, Encoding> = {};
  let hasFile = false;
  for (const p of form) {
    const v = p.value;
    if (v.type === 'file') hasFile = true;
    let schema = swaggerSimpleSchema(schemas, p);
    if (typeof v.description === 'string' && typeof schema === 'object') {
      schema = { ...schema, description: v.description } satisfies JsonSchemaObject;
    }
    properties[p.name] = schema;
    if (v.required === true) required.push(p.name);
    if (v.type === 'array' && v.collectionFormat !== undefined) {
      const style = collectionStyle(v.collectionFormat, 'formData');
      if (style) encoding[p.name] = style;
      else
        invalid(
          ctx,
          p,
          `the collectionFormat "${String(v.collectionFormat)}" cannot be expressed; it is ignored`,
          'warning',
        );
    }
  }
  const schema: JsonSchemaObject = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  let types = consumes.filter((t) =>
    FORM_TYPES.includes(t.split(';')[0]?.trim().toLowerCase() ?? ''),
  );
  if (types.length === 0)
    types = [hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
  const contents = types.map((mediaType) => {
    const content: MediaContent = { mediaType, schema, examples: [] };
    if (Object.keys(encoding).length > 0) content.encoding = encoding;
    return content;
  });
  return { required: required.length > 0, contents };
}

/** An OpenAPI 3 `requestBody` (possibly a `$ref`). */
export function readRequestBody(
  ctx: LoadContext,
  schemas: SchemaConverter,
  node: Located,
): RequestBody | undefined {
  if (node.value === undefined) return undefined;
  const at = deref(ctx, node);
  if (!at) return undefined;
  const v = at.value;
  if (!isRecord(v)) {
    invalid(ctx, at, '`requestBody` must be an object');
    return undefined;
  }
  const body: RequestBody = {
    required: v.required === true,
    contents: readContent(ctx, schemas, child(at, 'content')),
  };
  if (typeof v.description === 'string') body.description = v.description;
  return body;
}
