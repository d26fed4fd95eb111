/**
 * Any loaded contract → a Postman Collection v2.1 (as a plain object; `JSON.stringify` it):
 * - OpenAPI/RAML (and collections): one request per operation, in a folder per first tag, with
 *   `:param` path segments, the query parameters and headers the contract declares (optional ones
 *   disabled), a body from the first example, the operation's auth, one saved response per
 *   documented status × example, and a test script that checks the status is documented and,
 *   for JSON, that the body matches the status's schema ($refs inlined).
 * - Pact: one request per HTTP interaction with its one saved response; the test checks the
 *   status.
 * - Hoverfly: one request per pair whose method and path are exact matchers (others are listed
 *   in `skipped`), with the pair's response saved.
 * Every URL starts with `{{baseUrl}}`, a collection variable holding the contract's first server.
 */
import type {
  HoverflyMatcher,
  HttpOperation,
  JsonSchema,
  MediaContent,
  PactBody,
  Parameter,
  SecurityScheme,
  Service,
} from '../../model/index.js';
import { SCHEMA_REF_PREFIX } from '../../model/index.js';

export const POSTMAN_SCHEMA_V21 =
  'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

interface KeyValue {
  key: string;
  value: string;
  disabled?: boolean;
  description?: string;
  type?: string;
}

interface PostmanUrl {
  raw: string;
  host: string[];
  path: string[];
  query?: KeyValue[];
  variable?: KeyValue[];
}

interface PostmanRequest {
  method: string;
  header: KeyValue[];
  url: PostmanUrl;
  body?: { mode: 'raw'; raw: string; options?: { raw: { language: string } } };
  auth?: { type: string; [type: string]: unknown };
  description?: string;
}

interface PostmanResponse {
  name: string;
  originalRequest: PostmanRequest;
  status?: string;
  code: number;
  _postman_previewlanguage?: string;
  header: KeyValue[];
  body: string;
}

export interface PostmanItem {
  name: string;
  request: PostmanRequest;
  response: PostmanResponse[];
  event: Array<{ listen: 'test'; script: { type: 'text/javascript'; exec: string[] } }>;
}

export interface PostmanFolder {
  name: string;
  item: PostmanItem[];
}

export interface PostmanCollection {
  info: { name: string; description?: string; version?: string; schema: string };
  item: Array<PostmanItem | PostmanFolder>;
  variable: KeyValue[];
}

export interface PostmanExport {
  collection: PostmanCollection;
  /** What could not be expressed, one sentence each (e.g. a Hoverfly glob path). */
  skipped: string[];
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function isJson(mediaType: string | undefined): boolean {
  return mediaType !== undefined && /^application\/(?:[\w.-]+\+)?json\b/i.test(mediaType);
}

function bodyText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? '');
}

/** `/pets/{id}` → `['pets', ':id']`. */
function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(/^\{([^{}]+)\}$/, ':$1'));
}

function url(path: string, query: KeyValue[], variables: KeyValue[]): PostmanUrl {
  const segments = pathSegments(path);
  const enabled = query.filter((q) => !q.disabled);
  const search = enabled.map((q) => `${q.key}=${q.value}`).join('&');
  return {
    raw: `{{baseUrl}}/${segments.join('/')}${search ? `?${search}` : ''}`,
    host: ['{{baseUrl}}'],
    path: segments,
    ...(query.length > 0 ? { query } : {}),
    ...(variables.length > 0 ? { variable: variables } : {}),
  };
}

/** Inlines `#/components/schemas/…` references (a cycle becomes `{}`), for Postman's validator. */
function inline(
  schema: JsonSchema,
  registry: Record<string, JsonSchema>,
  seen: string[] = [],
): JsonSchema {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema))
    return schema.map((s) => inline(s as JsonSchema, registry, seen)) as unknown as JsonSchema;
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF_PREFIX)) {
    const name = ref.slice(SCHEMA_REF_PREFIX.length).replace(/~1/g, '/').replace(/~0/g, '~');
    const target = registry[name];
    if (target === undefined || seen.includes(name)) return {};
    return inline(target, registry, [...seen, name]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === '$id') continue;
    out[key] =
      typeof value === 'object' && value !== null
        ? inline(value as JsonSchema, registry, seen)
        : value;
  }
  return out;
}

function exampleOf(parameter: Parameter): string {
  const example = parameter.examples.find((e) => e.value !== undefined)?.value;
  if (example !== undefined) return typeof example === 'string' ? example : JSON.stringify(example);
  const schema = typeof parameter.schema === 'object' ? parameter.schema : undefined;
  const fromSchema =
    schema?.example ??
    schema?.default ??
    (Array.isArray(schema?.enum) ? schema.enum[0] : undefined);
  if (fromSchema !== undefined)
    return typeof fromSchema === 'string' ? fromSchema : JSON.stringify(fromSchema);
  return `{{${parameter.name}}}`;
}

function firstExampleValue(content: MediaContent): unknown {
  const example = content.examples.find((e) => e.value !== undefined);
  if (example) return example.value;
  const schema = typeof content.schema === 'object' ? content.schema : undefined;
  return schema?.example ?? (Array.isArray(schema?.examples) ? schema.examples[0] : undefined);
}

function auth(scheme: SecurityScheme | undefined): PostmanRequest['auth'] | undefined {
  if (!scheme) return undefined;
  if (scheme.type === 'http') {
    const name = scheme.scheme.toLowerCase();
    if (name === 'basic')
      return {
        type: 'basic',
        basic: [
          { key: 'username', value: '{{username}}' },
          { key: 'password', value: '{{password}}' },
        ],
      };
    if (name === 'bearer')
      return { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] };
    if (name === 'digest')
      return {
        type: 'digest',
        digest: [
          { key: 'username', value: '{{username}}' },
          { key: 'password', value: '{{password}}' },
        ],
      };
    return undefined;
  }
  if (scheme.type === 'apiKey' && scheme.in !== 'cookie') {
    return {
      type: 'apikey',
      apikey: [
        { key: 'key', value: scheme.name },
        { key: 'value', value: '{{apiKey}}' },
        { key: 'in', value: scheme.in },
      ],
    };
  }
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect')
    return { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] };
  return undefined;
}

function statusCode(status: string): number | undefined {
  if (/^\d{3}$/.test(status)) return Number(status);
  if (/^[1-5]XX$/i.test(status)) return Number(status[0]) * 100;
  return undefined;
}

/** The test script: the status is one the contract documents; a JSON body matches its schema. */
function testScript(
  statuses: number[],
  schemas: Record<string, JsonSchema>,
  anyStatus: boolean,
): string[] {
  const lines = [
    '// Generated by gauntlet export postman: checks the answer against the contract.',
    `const documented = ${JSON.stringify(statuses)};`,
  ];
  if (!anyStatus)
    lines.push(
      "pm.test('status is one the contract documents', function () {",
      '  pm.expect(documented).to.include(pm.response.code);',
      '});',
    );
  if (Object.keys(schemas).length > 0) {
    lines.push(
      `const schemas = ${JSON.stringify(schemas)};`,
      'const schema = schemas[String(pm.response.code)];',
      "const contentType = pm.response.headers.get('Content-Type') || '';",
      'if (schema !== undefined && /json/i.test(contentType)) {',
      "  pm.test('body matches the schema of its status', function () {",
      '    pm.response.to.have.jsonSchema(schema);',
      '  });',
      '}',
    );
  }
  return lines;
}

function operationItem(service: Service, operation: HttpOperation): PostmanItem {
  const query: KeyValue[] = [];
  const header: KeyValue[] = [];
  const variables: KeyValue[] = [];
  for (const p of operation.parameters) {
    const entry: KeyValue = {
      key: p.name,
      value: exampleOf(p),
      ...(p.description ? { description: p.description } : {}),
    };
    if (p.in === 'path') variables.push(entry);
    else if (p.in === 'query') query.push(p.required ? entry : { ...entry, disabled: true });
    else if (p.in === 'header') header.push(p.required ? entry : { ...entry, disabled: true });
  }
  const request: PostmanRequest = {
    method: operation.method,
    header,
    url: url(operation.path, query, variables),
    ...(operation.description ? { description: operation.description } : {}),
  };
  const content =
    operation.requestBody?.contents.find((c) => isJson(c.mediaType)) ??
    operation.requestBody?.contents[0];
  if (content) {
    if (!header.some((h) => h.key.toLowerCase() === 'content-type'))
      header.push({ key: 'Content-Type', value: content.mediaType });
    const value = firstExampleValue(content);
    request.body = {
      mode: 'raw',
      raw: value === undefined ? (isJson(content.mediaType) ? '{}' : '') : bodyText(value),
      ...(isJson(content.mediaType) ? { options: { raw: { language: 'json' } } } : {}),
    };
  }
  const requirement = (operation.security ?? service.security)[0];
  const schemeName = requirement ? Object.keys(requirement)[0] : undefined;
  const requestAuth = schemeName ? auth(service.securitySchemes[schemeName]) : undefined;
  request.auth = requestAuth ?? { type: 'noauth' };

  const responses: PostmanResponse[] = [];
  const statuses: number[] = [];
  const schemas: Record<string, JsonSchema> = {};
  let anyStatus = false;
  for (const response of operation.responses) {
    const code = statusCode(response.status);
    if (code === undefined || !/^\d{3}$/.test(response.status)) anyStatus = true;
    if (code === undefined) continue;
    statuses.push(code);
    const headers: KeyValue[] = response.headers
      .filter((h) => h.examples.some((e) => e.value !== undefined))
      .map((h) => ({
        key: h.name,
        value: String(h.examples.find((e) => e.value !== undefined)?.value),
      }));
    const contents = response.contents.length > 0 ? response.contents : [undefined];
    for (const c of contents) {
      const jsonSchema = c && isJson(c.mediaType) && c.schema !== undefined ? c.schema : undefined;
      if (jsonSchema !== undefined && schemas[String(code)] === undefined)
        schemas[String(code)] = inline(jsonSchema, service.schemas);
      const examples = c?.examples.filter((e) => e.value !== undefined) ?? [];
      const values =
        examples.length > 0
          ? examples
          : c
            ? [{ name: 'default', value: firstExampleValue(c) }]
            : [{ name: 'default', value: undefined }];
      for (const example of values) {
        responses.push({
          name: `${response.status}${example.name !== 'default' ? ` ${example.name}` : ''}${c ? ` (${c.mediaType})` : ''}`,
          originalRequest: request,
          ...(REASONS[code] ? { status: REASONS[code] } : {}),
          code,
          ...(c && isJson(c.mediaType) ? { _postman_previewlanguage: 'json' } : {}),
          header: [...(c ? [{ key: 'Content-Type', value: c.mediaType }] : []), ...headers],
          body: example.value === undefined ? '' : bodyText(example.value),
        });
      }
    }
  }
  return {
    name: operation.summary ?? operation.id,
    request,
    response: responses,
    event: [
      {
        listen: 'test',
        script: {
          type: 'text/javascript',
          exec: testScript(statuses, schemas, anyStatus || statuses.length === 0),
        },
      },
    ],
  };
}

function pactBody(body: PactBody | undefined): { text: string; contentType?: string } | undefined {
  if (!body || body.content === undefined || body.content === null) return undefined;
  const text =
    body.encoded === 'base64' && typeof body.content === 'string'
      ? body.content
      : bodyText(body.content);
  return { text, ...(body.contentType ? { contentType: body.contentType } : {}) };
}

function headerList(headers: Record<string, string[]> | undefined): KeyValue[] {
  return Object.entries(headers ?? {}).map(([key, values]) => ({ key, value: values.join(', ') }));
}

function pactItems(service: Service): PostmanItem[] {
  return service.interactions.map((interaction) => {
    const req = interaction.request;
    const query: KeyValue[] = Object.entries(req.query ?? {}).flatMap(([key, values]) =>
      values.map((value) => ({ key, value })),
    );
    const header = headerList(req.headers);
    const body = pactBody(req.body);
    if (body?.contentType && !header.some((h) => h.key.toLowerCase() === 'content-type'))
      header.push({ key: 'Content-Type', value: body.contentType });
    const request: PostmanRequest = {
      method: req.method.toUpperCase(),
      header,
      url: { ...url(req.path, query, []), path: req.path.split('/').filter((s) => s !== '') },
      ...(body ? { body: { mode: 'raw' as const, raw: body.text } } : {}),
    };
    const res = interaction.response;
    const resBody = pactBody(res.body);
    const resHeaders = headerList(res.headers);
    if (resBody?.contentType && !resHeaders.some((h) => h.key.toLowerCase() === 'content-type'))
      resHeaders.unshift({ key: 'Content-Type', value: resBody.contentType });
    return {
      name: interaction.description,
      request,
      response: [
        {
          name: interaction.description,
          originalRequest: request,
          ...(REASONS[res.status] ? { status: REASONS[res.status] } : {}),
          code: res.status,
          header: resHeaders,
          body: resBody?.text ?? '',
        },
      ],
      event: [
        {
          listen: 'test',
          script: { type: 'text/javascript', exec: testScript([res.status], {}, false) },
        },
      ],
    };
  });
}

function exactValue(matchers: HoverflyMatcher[] | undefined): string | undefined {
  if (matchers?.length !== 1) return undefined;
  const m = matchers[0]!;
  return m.matcher === 'exact' && typeof m.value === 'string' ? m.value : undefined;
}

function hoverflyItems(service: Service, skipped: string[]): PostmanItem[] {
  const items: PostmanItem[] = [];
  (service.hoverfly?.pairs ?? []).forEach((pair, i) => {
    const method = exactValue(pair.request.method);
    const path = exactValue(pair.request.path);
    if (!method || !path) {
      skipped.push(
        `Hoverfly pair ${i}: its method and path are not both exact matchers, which a Postman request cannot express.`,
      );
      return;
    }
    const query: KeyValue[] = Object.entries(pair.request.query ?? {}).flatMap(([key, ms]) => {
      const value = exactValue(ms);
      return value === undefined ? [] : [{ key, value }];
    });
    const header: KeyValue[] = Object.entries(pair.request.headers ?? {}).flatMap(([key, ms]) => {
      const value = exactValue(ms);
      return value === undefined ? [] : [{ key, value }];
    });
    const body = exactValue(pair.request.body);
    const request: PostmanRequest = {
      method: method.toUpperCase(),
      header,
      url: { ...url(path, query, []), path: path.split('/').filter((s) => s !== '') },
      ...(body ? { body: { mode: 'raw' as const, raw: body } } : {}),
    };
    const res = pair.response;
    items.push({
      name: `${method.toUpperCase()} ${path}`,
      request,
      response: [
        {
          name: `pair ${i}`,
          originalRequest: request,
          ...(REASONS[res.status] ? { status: REASONS[res.status] } : {}),
          code: res.status,
          header: headerList(res.headers),
          body: res.body,
        },
      ],
      event: [
        {
          listen: 'test',
          script: { type: 'text/javascript', exec: testScript([res.status], {}, false) },
        },
      ],
    });
  });
  return items;
}

/**
 * A contract as a Postman Collection v2.1.
 *
 * @example
 * const { collection } = toPostmanCollection(service);
 * await writeFile('orders.postman_collection.json', JSON.stringify(collection, null, 2));
 */
export function toPostmanCollection(service: Service): PostmanExport {
  const skipped: string[] = [];
  const folders = new Map<string, PostmanFolder>();
  const item: Array<PostmanItem | PostmanFolder> = [];
  for (const operation of service.operations) {
    const entry = operationItem(service, operation);
    const tag = operation.tags[0];
    if (tag === undefined) {
      item.push(entry);
      continue;
    }
    let folder = folders.get(tag);
    if (!folder) {
      folder = { name: tag, item: [] };
      folders.set(tag, folder);
      item.push(folder);
    }
    folder.item.push(entry);
  }
  item.push(...pactItems(service), ...hoverflyItems(service, skipped));
  const server = service.servers[0]?.url.replace(
    /\{([^}]+)\}/g,
    (_, name: string) => service.servers[0]?.variables?.[name]?.default ?? name,
  );
  return {
    collection: {
      info: {
        name: service.title,
        ...(service.description ? { description: service.description } : {}),
        ...(service.version ? { version: service.version } : {}),
        schema: POSTMAN_SCHEMA_V21,
      },
      item,
      variable: [
        { key: 'baseUrl', value: (server ?? 'http://localhost:4010').replace(/\/$/, '') },
        // The credentials the requests' auth refers to, for the user (or --var) to fill in.
        ...['token', 'username', 'password', 'apiKey']
          .filter((name) => JSON.stringify(item).includes(`{{${name}}}`))
          .map((key) => ({ key, value: '' })),
      ],
    },
    skipped,
  };
}
