import type {
  Header,
  HttpOperation,
  MediaContent,
  Parameter,
  RequestBody,
  Response,
  Service,
} from '../model/index.js';

type Json = Record<string, unknown>;

/** Keywords whose value is a list of schemas, or a map of names to schemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
/** Keywords whose value is one schema (`additionalProperties: false` stays: generators know it). */
const SCHEMA_SINGLES = new Set(['items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']);
/** Keywords whose values are data: never rewritten. */
const DATA = new Set(['enum', 'const', 'default', 'examples', 'example', 'discriminator']);

/**
 * The schema with every boolean subschema written as an object (`true` → `{}`, `false` →
 * `{not: {}}`): the same meaning, but openapi-typescript walks each `oneOf`/`properties` entry
 * with the `in` operator and crashes on a boolean one (a real file-storage API's
 * `File.metadata.oneOf[0]`). Shared subtrees stay shared.
 */
function objectSchemas(schema: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  const done = seen.get(schema);
  if (done !== undefined) return done;
  if (Array.isArray(schema)) return schema;
  const out: Json = {};
  seen.set(schema, out);
  const asObject = (sub: unknown): unknown =>
    sub === true ? {} : sub === false ? { not: {} } : objectSchemas(sub, seen);
  for (const [key, value] of Object.entries(schema as Json)) {
    if (DATA.has(key)) out[key] = value;
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(asObject);
    else if (SCHEMA_MAPS.has(key) && typeof value === 'object' && value !== null) {
      const map: Json = {};
      for (const [name, sub] of Object.entries(value as Json)) map[name] = asObject(sub);
      out[key] = map;
    } else if (SCHEMA_SINGLES.has(key))
      out[key] = typeof value === 'boolean' && key === 'items' ? value : asObject(value);
    else out[key] = objectSchemas(value, seen);
  }
  return out;
}

function contentOf(contents: readonly MediaContent[]): Json {
  const out: Json = {};
  for (const content of contents) {
    out[content.mediaType] =
      content.schema === undefined ? {} : { schema: objectSchemas(content.schema) };
  }
  return out;
}

function parameterOf(parameter: Parameter): Json {
  const out: Json = { name: parameter.name, in: parameter.in, required: parameter.required };
  if (parameter.description !== undefined) out.description = parameter.description;
  if (parameter.deprecated === true) out.deprecated = true;
  if (parameter.content !== undefined && parameter.content.length > 0)
    out.content = contentOf(parameter.content);
  else out.schema = objectSchemas(parameter.schema ?? {});
  if (parameter.style !== undefined) out.style = parameter.style;
  if (parameter.explode !== undefined) out.explode = parameter.explode;
  return out;
}

function headerOf(header: Header): Json {
  const out: Json = { required: header.required, schema: objectSchemas(header.schema ?? {}) };
  if (header.description !== undefined) out.description = header.description;
  return out;
}

function requestBodyOf(body: RequestBody): Json {
  const out: Json = { required: body.required, content: contentOf(body.contents) };
  if (body.description !== undefined) out.description = body.description;
  return out;
}

function responseOf(response: Response): Json {
  const out: Json = { description: response.description ?? '' };
  if (response.headers.length > 0) {
    const headers: Json = {};
    for (const header of response.headers) headers[header.name] = headerOf(header);
    out.headers = headers;
  }
  if (response.contents.length > 0) out.content = contentOf(response.contents);
  return out;
}

function operationOf(operation: HttpOperation): Json {
  const out: Json = {};
  // Ids the loader made up (`GET /pets`) are not operationIds: leave them out of the types.
  if (operation.id !== `${operation.method} ${operation.path}`) out.operationId = operation.id;
  if (operation.summary !== undefined) out.summary = operation.summary;
  if (operation.description !== undefined) out.description = operation.description;
  if (operation.deprecated === true) out.deprecated = true;
  if (operation.parameters.length > 0) out.parameters = operation.parameters.map(parameterOf);
  if (operation.requestBody !== undefined) out.requestBody = requestBodyOf(operation.requestBody);
  const responses: Json = {};
  for (const response of operation.responses) responses[response.status] = responseOf(response);
  out.responses = responses;
  return out;
}

/**
 * The model of one service as an OpenAPI 3.1 document, for generators that read OpenAPI
 * (openapi-typescript). Every input format — OpenAPI 2/3.0/3.1, RAML — reaches the generator
 * this one way, so a RAML or Swagger 2.0 contract gets the same client as an OpenAPI 3.1 one.
 * Schemas are the model's JSON Schema 2020-12, which is OpenAPI 3.1's dialect; examples, security
 * and callbacks are left out (types do not need them). Key order follows the model, which follows
 * the source, so the output is deterministic.
 *
 * @example
 * const document = modelToOpenApi(service);
 * document.paths['/pets/{petId}'].get.responses['200'];
 */
export function modelToOpenApi(service: Service): Json & { paths: Record<string, Json> } {
  const paths: Record<string, Json> = {};
  for (const operation of service.operations) {
    const item = paths[operation.path] ?? {};
    item[operation.method.toLowerCase()] = operationOf(operation);
    paths[operation.path] = item;
  }
  const info: Json = { title: service.title, version: service.version ?? '0.0.0' };
  if (service.description !== undefined) info.description = service.description;
  const document: Json & { paths: Record<string, Json> } = {
    openapi: '3.1.0',
    info,
    paths,
  };
  if (service.servers.length > 0) document.servers = service.servers;
  if (Object.keys(service.schemas).length > 0) {
    const schemas: Json = {};
    for (const [name, schema] of Object.entries(service.schemas))
      schemas[name] =
        typeof schema === 'boolean' ? (schema ? {} : { not: {} }) : objectSchemas(schema);
    document.components = { schemas };
  }
  return document;
}
