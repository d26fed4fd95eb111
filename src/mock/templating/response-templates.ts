import { JSONPath } from 'jsonpath-plus';
import type { MockRequest } from '../types.js';
import type { HelperDefinition, TemplateLanguage } from './types.js';

/** What a response template sees: the request, the stub's path parameters, a clock and a seeded RNG. */
export interface RequestTemplateContext {
  request: MockRequest;
  /** Path parameters (decoded) when the stub's path is a template, e.g. `{ sku: 'abc' }`. */
  params: Readonly<Record<string, string>>;
  now: () => Date;
  /** Uniform numbers in [0, 1), seeded (per session and stub in the scenario engine). */
  random: () => number;
  /** Lazily filled caches (parsed query, body text and JSON) shared by one render. */
  cache: { query?: URLSearchParams; text?: string; json?: { value: unknown } };
}

/**
 * A context for one request. `now` and `random` are injected so output is repeatable in tests.
 *
 * @example
 * const context = createRequestContext(request, { params: { id: '7' }, now: () => clock, random: seededRandom(1) });
 */
export function createRequestContext(
  request: MockRequest,
  options: { params?: Record<string, string>; now: () => Date; random: () => number },
): RequestTemplateContext {
  return {
    request,
    params: options.params ?? {},
    now: options.now,
    random: options.random,
    cache: {},
  };
}

const decoder = new TextDecoder();
const ROOT_FIELDS = ['method', 'path', 'query', 'headers', 'body', 'url'] as const;

function checkPath(path: readonly string[]): string | undefined {
  if (path[0] !== 'request')
    return `unknown variable '${path.join('.')}': lookups start with request.`;
  const field = path[1];
  if (field === undefined || !(ROOT_FIELDS as readonly string[]).includes(field)) {
    return `unknown request field '${path.join('.')}': use request.${ROOT_FIELDS.join(', request.')}`;
  }
  const nested = field === 'path' || field === 'query' || field === 'headers';
  if (path.length > (nested ? 3 : 2)) {
    return nested
      ? `'${path.join('.')}' is too deep: request.${field} takes one name`
      : `'${path.join('.')}' is too deep: use jsonPointer/jsonPath for the body`;
  }
  return undefined;
}

function bodyText(context: RequestTemplateContext): string {
  if (context.cache.text === undefined) {
    const body = context.request.body;
    context.cache.text = body === undefined ? '' : decoder.decode(body);
  }
  return context.cache.text;
}

function bodyJson(context: RequestTemplateContext): unknown {
  if (context.cache.json === undefined) {
    let value: unknown;
    try {
      value = JSON.parse(bodyText(context));
    } catch {
      value = undefined;
    }
    context.cache.json = { value };
  }
  return context.cache.json.value;
}

function headerValue(context: RequestTemplateContext, name: string): string | undefined {
  const value = context.request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

function resolve(path: readonly string[], context: RequestTemplateContext): unknown {
  const { request } = context;
  const name = path[2];
  switch (path[1]) {
    case 'method':
      return request.method;
    case 'url':
      return request.query === '' ? request.path : `${request.path}?${request.query}`;
    case 'path':
      return name === undefined ? request.path : context.params[name];
    case 'query': {
      if (name === undefined) return request.query;
      context.cache.query ??= new URLSearchParams(request.query);
      return context.cache.query.get(name) ?? undefined;
    }
    case 'headers':
      return name === undefined ? undefined : headerValue(context, name);
    case 'body':
      return bodyText(context);
    default:
      return undefined;
  }
}

/** The body argument of jsonPointer/jsonPath: `request.body` is its parsed JSON; other strings are parsed too. */
function asJson(value: unknown, context: RequestTemplateContext): unknown {
  if (typeof value !== 'string') return value;
  if (value === bodyText(context)) return bodyJson(context);
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function jsonPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  if (!pointer.startsWith('/')) return undefined;
  let node = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = /^\d+$/.test(token) ? node[Number(token)] : undefined;
    else if (typeof node === 'object' && node !== null && Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else return undefined;
  }
  return node;
}

const OFFSET = /^([+-]?)(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function formatNow(date: Date, format: unknown): unknown {
  switch (format) {
    case undefined:
    case 'iso':
      return date.toISOString();
    case 'epoch':
      return date.getTime();
    case 'unix':
      return Math.floor(date.getTime() / 1000);
    case 'date':
      return date.toISOString().slice(0, 10);
    case 'http':
      return date.toUTCString();
    default:
      return undefined;
  }
}

function uuid(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const helpers: Record<string, HelperDefinition<RequestTemplateContext>> = {
  now: {
    hash: ['format', 'offset'],
    fn: (_args, hash, context) => {
      let ms = context.now().getTime();
      if (hash.offset !== undefined) {
        const match = OFFSET.exec(String(hash.offset));
        if (!match) return undefined;
        ms += (match[1] === '-' ? -1 : 1) * Number(match[2]) * UNIT_MS[match[3]!]!;
      }
      return formatNow(new Date(ms), hash.format);
    },
  },
  uuid: { fn: (_args, _hash, context) => uuid(context.random) },
  randomInt: {
    minArgs: 2,
    fn: ([min, max], _hash, context) => {
      const lo = Math.ceil(Number(min));
      const hi = Math.floor(Number(max));
      if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return undefined;
      return lo + Math.floor(context.random() * (hi - lo + 1));
    },
  },
  randomString: {
    minArgs: 0,
    maxArgs: 1,
    fn: ([length], _hash, context) => {
      const n = length === undefined ? 8 : Math.min(4096, Math.max(0, Math.floor(Number(length))));
      let out = '';
      for (let i = 0; i < n; i++)
        out += ALPHANUMERIC[Math.floor(context.random() * ALPHANUMERIC.length)];
      return out;
    },
  },
  jsonPointer: {
    minArgs: 2,
    fn: ([document, pointer], _hash, context) =>
      jsonPointer(asJson(document, context), String(pointer)),
  },
  jsonPath: {
    minArgs: 2,
    fn: ([document, path], _hash, context) => {
      const json = asJson(document, context);
      if (json === undefined || json === null || typeof json !== 'object') return undefined;
      // eval: false — filter scripts like `?(@.x > 1)` are code and are refused, not run.
      const found: unknown = JSONPath({ path: String(path), json, eval: false, wrap: true });
      return Array.isArray(found) ? found[0] : undefined;
    },
  },
};

/**
 * The template language of scenario responses: lookups `request.method`, `request.url`,
 * `request.path` (and `request.path.NAME` for template parameters), `request.query.NAME`,
 * `request.headers.NAME`, `request.body` (text), with `default='...'`; helpers `now`
 * (`format='iso'|'epoch'|'unix'|'date'|'http'`, `offset='+1h'`), `uuid`, `randomInt MIN MAX`,
 * `randomString [N]`, `jsonPointer request.body '/a/0'`, `jsonPath request.body '$.a'`.
 */
export const RESPONSE_TEMPLATES: TemplateLanguage<RequestTemplateContext> = {
  helpers,
  checkPath,
  resolve,
};
