import {
  type Header,
  HTTP_METHODS,
  type HttpMethod,
  type HttpOperation,
  type MediaContent,
  type Parameter,
  type RequestBody,
  type Response,
  type SourceLocation,
} from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { describePointer, type Reporter } from '../hoverfly/reporter.js';
import { type AuthDemand, readAuth, type SchemeRegistry } from './auth.js';
import { inferSchema } from './infer-schema.js';
import { mergeResponse } from './merge.js';
import type { Sdk } from './sdk.js';

export interface ItemContext {
  sdk: Sdk;
  report: Reporter;
  registry: SchemeRegistry;
  /** Replaces `{{name}}` with collection variables, deeply; unknown names stay as written. */
  substitute: <T>(value: T) => T;
  /** Where a JSON pointer sits in the file. */
  locate: (pointer: string) => SourceLocation;
}

/** Headers a saved response carries that describe its old connection, not the API. */
const TRANSPORT_HEADERS = new Set([
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'content-encoding',
]);

const JSON_MEDIA = /^application\/(?:[\w.-]+\+)?json(?:\s*;|$)/i;

interface KeyValue {
  key: string;
  value?: string;
  description?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function descriptionOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (isRecord(value) && typeof value.content === 'string' && value.content !== '')
    return value.content;
  return undefined;
}

/** `[{key, value}]` lists, or the `Key: value` lines v2.0 allows for headers. */
function keyValues(value: unknown): KeyValue[] {
  if (typeof value === 'string') {
    return value
      .split(/\r?\n/)
      .map((line): KeyValue | undefined => {
        const colon = line.indexOf(':');
        return colon < 0
          ? undefined
          : { key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
      })
      .filter((kv): kv is KeyValue => kv !== undefined && kv.key !== '');
  }
  if (!Array.isArray(value)) return [];
  const out: KeyValue[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.key !== 'string' || entry.key === '') continue;
    const kv: KeyValue = { key: entry.key };
    if (entry.value !== undefined && entry.value !== null) kv.value = String(entry.value);
    const description = descriptionOf(entry.description);
    if (description) kv.description = description;
    out.push(kv);
  }
  return out;
}

function stringParameter(
  name: string,
  location: Parameter['in'],
  value: string | undefined,
  description?: string,
): Parameter {
  return {
    name,
    in: location,
    required: true,
    ...(description ? { description } : {}),
    ...(value ? { schema: { type: 'string' } } : {}),
    examples: value ? [{ name: 'default', value }] : [],
  };
}

/** A raw body as one media type: JSON parsed (with a schema of its shape), anything else as text. */
export function rawContent(raw: string, mediaType: string): MediaContent {
  if (JSON_MEDIA.test(mediaType)) {
    try {
      const value: unknown = JSON.parse(raw);
      return { mediaType, schema: inferSchema(value), examples: [{ name: 'default', value }] };
    } catch {
      // Not JSON after all (a template, a comment): served as the text it is.
    }
  }
  return { mediaType, examples: [{ name: 'default', value: raw }] };
}

function formContent(fields: unknown, mediaType: string): MediaContent | undefined {
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  const properties: Record<string, unknown> = {};
  const example: Record<string, unknown> = {};
  for (const field of fields) {
    if (!isRecord(field) || typeof field.key !== 'string') continue;
    const description = descriptionOf(field.description);
    properties[field.key] = { type: 'string', ...(description ? { description } : {}) };
    if (field.value !== undefined) example[field.key] = field.value;
  }
  return {
    mediaType,
    schema: { type: 'object', properties },
    examples: [{ name: 'default', value: example }],
  };
}

function readBody(body: unknown, contentType: string | undefined): RequestBody | undefined {
  if (!isRecord(body)) return undefined;
  let content: MediaContent | undefined;
  switch (body.mode) {
    case 'raw':
      if (typeof body.raw === 'string' && body.raw !== '')
        content = rawContent(body.raw, contentType ?? 'text/plain');
      break;
    case 'urlencoded':
      content = formContent(body.urlencoded, contentType ?? 'application/x-www-form-urlencoded');
      break;
    case 'formdata':
      content = formContent(body.formdata, contentType ?? 'multipart/form-data');
      break;
    default:
      // file and graphql bodies are not described by the collection beyond their mode.
      break;
  }
  return content ? { required: false, contents: [content] } : undefined;
}

function readResponses(list: unknown, pointer: string, ctx: ItemContext): Response[] {
  if (!Array.isArray(list)) return [];
  let responses: Response[] = [];
  list.forEach((example, i) => {
    const at = `${pointer}/${i}`;
    if (!isRecord(example)) return;
    const code = typeof example.code === 'string' ? Number(example.code) : example.code;
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 100 || code > 599) {
      ctx.report.warn(
        `${at}/code`,
        `The saved response ${JSON.stringify(text(example.name) ?? `#${i}`)} at ${describePointer(at)} has no status code, so it was left out. Give it a "code" such as 200.`,
      );
      return;
    }
    const headerList = keyValues(example.header);
    const contentType = headerList.find((h) => h.key.toLowerCase() === 'content-type')?.value;
    const body = text(example.body);
    const headers: Header[] = headerList
      .filter((h) => !TRANSPORT_HEADERS.has(h.key.toLowerCase()))
      .map((h) => ({
        name: h.key.toLowerCase(),
        required: true,
        ...(h.value ? { schema: { type: 'string' } } : {}),
        examples: h.value ? [{ name: 'default', value: h.value }] : [],
      }));
    const name = text(example.name);
    const response: Response = {
      status: String(code),
      ...(name ? { description: name } : {}),
      headers,
      contents: contentType && body ? [rawContent(body, contentType)] : [],
    };
    responses = mergeResponse(responses, response);
  });
  return responses;
}

/** A `{name}` template inside a segment (`{sid}.json`), not a `{{variable}}` left unresolved. */
const SEGMENT_TEMPLATE = /(?<!\{)\{([^{}]+)\}(?!\})/g;

/** Literal text, percent-encoded as the request path it is matched against. */
function encodeLiteral(text: string): string {
  return text.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@%]/g, (c) =>
    encodeURIComponent(c),
  );
}

/**
 * `/users/{id}` from the URL's segments: `:id` is a path parameter; `{name}` inside a segment
 * is a template too (Prism reads any `{…}` as one, and OpenAPI exports write `{sid}.json`);
 * other text, including an unresolved `{{variable}}`, is literal.
 */
function modelPath(segments: readonly string[]): string {
  return `/${segments
    .map((segment) => {
      if (segment.length > 1 && segment.startsWith(':')) return `{${segment.slice(1)}}`;
      if (segment.includes('{{')) return encodeLiteral(segment);
      let out = '';
      let last = 0;
      for (const match of segment.matchAll(SEGMENT_TEMPLATE)) {
        out += `${encodeLiteral(segment.slice(last, match.index))}{${match[1]}}`;
        last = match.index + match[0].length;
      }
      return out + encodeLiteral(segment.slice(last));
    })
    .join('/')}`;
}

/** The names of the path parameters in segments: `:id` and `{name}` templates. */
function pathParameterNames(segments: readonly string[]): string[] {
  const names: string[] = [];
  for (const segment of segments) {
    if (segment.length > 1 && segment.startsWith(':')) names.push(segment.slice(1));
    else if (!segment.includes('{{'))
      for (const match of segment.matchAll(SEGMENT_TEMPLATE)) names.push(match[1]!);
  }
  return names;
}

function origin(url: { toString(): string }): string | undefined {
  try {
    const found = new URL(url.toString()).origin;
    return found === 'null' ? undefined : found;
  } catch {
    return undefined;
  }
}

export interface ItemInput {
  item: Record<string, unknown>;
  pointer: string;
  folders: string[];
  /** The auth block the request inherits from its folders and the collection. */
  inheritedAuth: unknown;
}

/** One request item as an operation, or undefined (with a diagnostic) when it cannot be read. */
export function readItem(input: ItemInput, ctx: ItemContext): HttpOperation | undefined {
  const { item, pointer, folders } = input;
  const name = text(item.name) ?? describePointer(pointer);
  const raw = item.request;
  if (raw === undefined || raw === null) {
    ctx.report.warn(
      `${pointer}/request`,
      `Failed to read item ${JSON.stringify(name)} (${describePointer(pointer)}): because it has neither a request nor sub-items. Give it a "request" with a URL, or remove it; the other requests were loaded.`,
    );
    return undefined;
  }
  const request: Record<string, unknown> =
    typeof raw === 'string' ? { url: raw } : isRecord(raw) ? raw : {};
  const urlValue = request.url;
  const emptyUrl =
    urlValue === undefined ||
    urlValue === null ||
    (typeof urlValue === 'string' && urlValue.trim() === '') ||
    (isRecord(urlValue) &&
      !(typeof urlValue.raw === 'string' && urlValue.raw.trim() !== '') &&
      !Array.isArray(urlValue.host) &&
      !Array.isArray(urlValue.path) &&
      typeof urlValue.path !== 'string');
  if (emptyUrl) {
    ctx.report.warn(
      typeof raw === 'string' ? `${pointer}/request` : `${pointer}/request/url`,
      `Failed to read request ${JSON.stringify(name)} (${describePointer(pointer)}): because it has no URL. Give it one, e.g. "{{baseUrl}}/users/:id"; the other requests were loaded.`,
    );
    return undefined;
  }
  const method = (text(request.method) ?? 'GET').toUpperCase();
  if (!HTTP_METHODS.includes(method as HttpMethod)) {
    ctx.report.warn(
      `${pointer}/request/method`,
      `The request ${JSON.stringify(name)} uses the method ${method}, which Gauntlet cannot serve or check; it was left out. Use one of ${HTTP_METHODS.join(', ')}.`,
    );
    return undefined;
  }
  // The URL is split into host/path/query before variables are replaced (as Postman and Prism
  // do), so `{{baseUrl}}` holding `https://host/v1` stays the host and `/users` the path.
  const urlInput =
    isRecord(urlValue) && !urlValue.host && !urlValue.path && typeof urlValue.raw === 'string'
      ? urlValue.raw
      : urlValue;
  const parsed = new ctx.sdk.Url(urlInput as ConstructorParameters<Sdk['Url']>[0]);
  const url = new ctx.sdk.Url(ctx.substitute(parsed.toJSON()));
  const segments = (url.path ?? []).map(String);
  const variables = keyValues(isRecord(urlValue) ? urlValue.variable : undefined);
  const parameters: Parameter[] = [];
  for (const name of pathParameterNames(segments)) {
    if (parameters.some((p) => p.name === name)) continue;
    const variable = variables.find((v) => v.key === name);
    parameters.push({
      ...stringParameter(name, 'path', variable?.value, variable?.description),
      schema: { type: 'string' },
    });
  }
  for (const q of url.query.all()) {
    if (typeof q.key !== 'string' || q.key === '') continue;
    const description = descriptionOf((q as { description?: unknown }).description);
    parameters.push(stringParameter(q.key, 'query', q.value ?? undefined, description));
  }
  const headerList = keyValues(ctx.substitute(request.header));
  for (const h of headerList)
    parameters.push(stringParameter(h.key.toLowerCase(), 'header', h.value, h.description));
  const auth: AuthDemand = readAuth(
    ctx.sdk,
    ctx.substitute(request.auth ?? input.inheritedAuth),
    (t) => t,
    ctx.registry,
  );
  for (const p of auth.parameters) {
    if (!parameters.some((q) => q.in === p.in && q.name.toLowerCase() === p.name.toLowerCase()))
      parameters.push(p);
  }
  const contentType = headerList
    .find((h) => h.key.toLowerCase() === 'content-type')
    ?.value?.toLowerCase();
  const body = readBody(ctx.substitute(request.body), contentType);
  const path = modelPath(segments);
  const description = descriptionOf(request.description) ?? descriptionOf(item.description);
  const server = origin(url);
  const operation: HttpOperation = {
    id: `${method} ${path}`,
    method: method as HttpMethod,
    path,
    summary: name,
    ...(description ? { description } : {}),
    tags: folders.length > 0 ? [folders.join(' / ')] : [],
    ...(server ? { servers: [{ url: server }] } : {}),
    parameters,
    ...(body ? { requestBody: body } : {}),
    responses: readResponses(ctx.substitute(item.response), `${pointer}/response`, ctx),
    security: auth.security,
    callbacks: [],
    source: ctx.locate(pointer),
  };
  return operation;
}
