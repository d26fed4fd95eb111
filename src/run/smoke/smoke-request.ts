import type {
  HttpMethod,
  HttpOperation,
  JsonSchema,
  MediaContent,
  Parameter,
  Service,
} from '../../model/index.js';
import { fakeValue } from '../../schema/fake.js';
import { hashString, seededRandom } from '../../util/random.js';

/** A request built from a contract, ready to send to a base URL. */
export interface SmokeRequest {
  method: HttpMethod;
  /** Path with the base path, filled path parameters and the query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Create before read before delete, so that a read can find what the create made. */
const METHOD_ORDER: readonly HttpMethod[] = [
  'POST',
  'PUT',
  'PATCH',
  'GET',
  'HEAD',
  'OPTIONS',
  'DELETE',
  'TRACE',
];

/**
 * The operations of a service in the order a smoke pass exercises them: by method (creates,
 * then reads, then deletes), the contract's order within a method.
 */
export function smokeOrder(operations: readonly HttpOperation[]): HttpOperation[] {
  return operations
    .map((op, index) => ({ op, index }))
    .sort(
      (a, b) =>
        METHOD_ORDER.indexOf(a.op.method) - METHOD_ORDER.indexOf(b.op.method) || a.index - b.index,
    )
    .map(({ op }) => op);
}

/** The path part of the service's first server URL (`/v1` of `https://x.test/v1`), or `''`. */
export function basePath(service: Pick<Service, 'servers'>): string {
  const server = service.servers[0];
  if (!server) return '';
  let url = server.url;
  for (const [name, variable] of Object.entries(server.variables ?? {})) {
    url = url.replaceAll(`{${name}}`, variable.default);
  }
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? new URL(url).pathname : url;
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.startsWith('/') || trimmed === '' ? trimmed : `/${trimmed}`;
}

function schemaObject(schema: JsonSchema | undefined): Record<string, unknown> | undefined {
  return typeof schema === 'object' && schema !== null
    ? (schema as Record<string, unknown>)
    : undefined;
}

/** A value for a parameter: its example, else the schema's example, default, const or enum. */
function parameterValue(param: Parameter): unknown {
  const example = param.examples.find((e) => e.value !== undefined);
  if (example) return example.value;
  const schema = schemaObject(param.schema);
  if (schema) {
    if (schema.example !== undefined) return schema.example;
    if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
    if (schema.default !== undefined) return schema.default;
    if (schema.const !== undefined) return schema.const;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
    if (type === 'boolean') return true;
  }
  return 'x';
}

function isJson(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}

function bodyValue(content: MediaContent, service: Service, op: HttpOperation): unknown {
  const example = content.examples.find((e) => e.value !== undefined);
  if (example) return example.value;
  if (content.schema === undefined) return undefined;
  // No example: a deterministic fake (the same request on every run).
  return fakeValue(content.schema, service.schemas, seededRandom(hashString(op.id)));
}

/**
 * Builds the request a smoke pass sends for one operation, from the contract's examples: path
 * and required query/header parameters from their examples (or schema example, default, enum),
 * the request body from its example (or a seeded fake of its schema). `headers` (credentials
 * from the config) are sent as given and win over generated ones.
 *
 * @example
 * smokeRequest(service, getStock, { 'X-User': 'alice' });
 * // { method: 'GET', path: '/stock/abc', headers: { 'X-User': 'alice', accept: 'application/json, ...' } }
 */
export function smokeRequest(
  service: Service,
  op: HttpOperation,
  headers: Readonly<Record<string, string>> = {},
): SmokeRequest {
  let path = op.path;
  const query: string[] = [];
  const out: Record<string, string> = {};
  for (const param of op.parameters) {
    if (param.in === 'path') {
      const value = String(parameterValue(param));
      path = path.replaceAll(`{${param.name}}`, encodeURIComponent(value));
    } else if (param.in === 'query' && param.required) {
      query.push(
        `${encodeURIComponent(param.name)}=${encodeURIComponent(String(parameterValue(param)))}`,
      );
    } else if (param.in === 'header' && param.required) {
      out[param.name] = String(parameterValue(param));
    }
  }
  const accept = [...new Set(op.responses.flatMap((r) => r.contents.map((c) => c.mediaType)))];
  if (accept.length > 0) out.accept = [...accept, '*/*;q=0.1'].join(', ');
  let body: string | undefined;
  const content =
    op.requestBody?.contents.find((c) => isJson(c.mediaType)) ?? op.requestBody?.contents[0];
  if (content) {
    const value = bodyValue(content, service, op);
    if (value !== undefined) {
      body = isJson(content.mediaType) ? JSON.stringify(value) : String(value);
      out['content-type'] = content.mediaType;
    }
  }
  const search = query.length > 0 ? `?${query.join('&')}` : '';
  return {
    method: op.method,
    path: `${basePath(service)}${path}${search}`,
    headers: { ...out, ...headers },
    ...(body === undefined ? {} : { body }),
  };
}
