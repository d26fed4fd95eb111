/**
 * Builds, for one Hoverfly pair, a request its matchers accept: the differential test sends it to
 * the real Hoverfly and to Gauntlet. Best effort from the matcher values (exact values as they
 * are, `*` in globs filled in, simple regexes, JSON/XML paths turned into documents, JWTs built
 * from their header and payload); a pair whose matchers cannot be satisfied this way is reported
 * as not buildable instead of guessed at.
 */
import { compileMatcher, goRegex } from '../../src/matching/hoverfly/matchers.js';
import type { HoverflyMatcher, HoverflyPair } from '../../src/model/hoverfly.js';

export interface DiffRequest {
  method: string;
  /** Path with the query string. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Why this request is here (shown in failures). */
  note?: string;
}

const b64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');

/** A string the regex accepts, from the literal parts of simple patterns; undefined otherwise. */
function fromRegex(pattern: string): string | undefined {
  const re = goRegex(pattern);
  if (!re) return undefined;
  const literal = pattern
    .replace(/^\(\?[imsU]+\)/, '')
    .replace(/\\A|\\z|\^|\$/g, '')
    .replace(/\.\*|\.\+/g, 'x')
    .replace(/\[0-9\]|\\d/g, '1')
    .replace(/[()]/g, '')
    .replace(/\\(.)/g, '$1');
  for (const candidate of [literal, literal.split('|')[0] ?? '', 'x']) {
    if (re.test(candidate)) return candidate;
  }
  return undefined;
}

/** A document in which the JSONPath `$.a.b[0].c` selects `value`. */
function fromJsonPath(path: string, value: unknown): string | undefined {
  const m = /^\$((?:\.[A-Za-z_][\w-]*|\[\d+\])+)$/.exec(path.trim());
  if (!m) return undefined;
  const steps = m[1]!.match(/\.[A-Za-z_][\w-]*|\[\d+\]/g) ?? [];
  let doc: unknown = value;
  for (const step of [...steps].reverse()) {
    if (step.startsWith('[')) {
      const arr: unknown[] = [];
      arr[Number(step.slice(1, -1))] = doc;
      doc = Array.from(arr, (v) => v ?? null);
    } else doc = { [step.slice(1)]: doc };
  }
  return JSON.stringify(doc);
}

/** A document in which `/a/b/c` selects an element whose text is `value`. */
function fromXPath(path: string, value: string): string | undefined {
  const m = /^\/((?:\/?[A-Za-z_][\w-]*)+)(?:\/text\(\))?$/.exec(path.trim());
  if (!m) return undefined;
  const names = m[1]!.split('/').filter((n) => n !== '');
  return names.reduceRight((inner, name) => `<${name}>${inner}</${name}>`, value);
}

/** A value one matcher (and its doMatch chain) accepts; undefined when it cannot be built. */
export function valueFor(m: HoverflyMatcher): string | undefined {
  const text = typeof m.value === 'string' ? m.value : JSON.stringify(m.value);
  const inner = m.doMatch ? valueFor(m.doMatch) : undefined;
  switch (m.matcher) {
    case 'exact':
    case '':
      return m.doMatch && inner !== text ? undefined : text;
    case 'glob':
      return text.replaceAll('*', 'x');
    case 'regex':
      return fromRegex(text);
    case 'negate':
      return `${text}-other`;
    case 'json':
    case 'jsonpartial':
      return typeof m.value === 'string' ? m.value : JSON.stringify(m.value);
    case 'jsonpath': {
      let v: unknown = 'x';
      if (inner !== undefined) {
        try {
          v = JSON.parse(inner);
        } catch {
          v = inner;
        }
      }
      return fromJsonPath(text, v);
    }
    case 'xpath':
      return fromXPath(text, inner ?? 'x');
    case 'xml':
      return text;
    case 'xmltemplated':
      return text
        .replace(/\{\{\s*ignore\s*\}\}/g, 'anything')
        .replace(/\{\{\s*regex:(.*?)\}\}/g, (_, re: string) => fromRegex(re) ?? '\u0000');
    case 'jwt': {
      try {
        const parsed = JSON.parse(text) as { header?: unknown; payload?: unknown };
        const header = { alg: 'HS256', typ: 'JWT', ...(parsed.header as object | undefined) };
        return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(parsed.payload ?? {}))}.c2ln`;
      } catch {
        return undefined;
      }
    }
    case 'array':
    case 'containsexactly':
    case 'contains':
    case 'containsonly':
      return Array.isArray(m.value) ? m.value.join(';') : undefined;
    default:
      return undefined;
  }
}

/** The value every matcher of a field accepts: the first matcher's, checked by nobody (Hoverfly is the judge). */
function fieldValue(list: HoverflyMatcher[] | undefined): string | undefined {
  if (!list || list.length === 0) return undefined;
  const value = valueFor(list[0]!);
  return value !== undefined && value.includes('\u0000') ? undefined : value;
}

/**
 * A request for the pair, or the reason none could be built.
 *
 * @example
 * requestForPair({ request: { path: [{ matcher: 'glob', value: '/a/*' }] }, response })
 * // { method: 'GET', path: '/a/x' }
 */
export function requestForPair(pair: HoverflyPair): DiffRequest | { unbuildable: string } {
  const r = pair.request;
  const headers: Record<string, string> = {};
  // Node only speaks the methods it knows: pick the first real method every matcher accepts.
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  const method = r.method
    ? methods.find((m) => r.method?.every((x) => compileMatcher(x).test(m) !== undefined))
    : 'GET';
  if (method === undefined || !/^[A-Za-z]+$/.test(method)) return { unbuildable: 'method matcher' };
  const path = r.path ? fieldValue(r.path) : '/';
  if (path === undefined) return { unbuildable: 'path matcher' };
  if (r.destination) {
    const host = fieldValue(r.destination);
    if (host === undefined) return { unbuildable: 'destination matcher' };
    headers.host = host;
  }
  // Scheme is not matched by a web server (Hoverfly's webserver mode ignores it): nothing to build.
  const query: string[] = [];
  for (const [name, list] of Object.entries(r.query ?? {})) {
    const value = fieldValue(list);
    if (value === undefined) return { unbuildable: `query ${name}` };
    for (const v of value.split(';'))
      query.push(`${encodeURIComponent(name)}=${encodeURIComponent(v)}`);
  }
  for (const [name, list] of Object.entries(r.headers ?? {})) {
    const value = fieldValue(list);
    if (value === undefined) return { unbuildable: `header ${name}` };
    headers[name.toLowerCase()] = value;
  }
  let body: string | undefined;
  if (r.body) {
    body = fieldValue(r.body);
    if (body === undefined) return { unbuildable: 'body matcher' };
  }
  if (r.form) {
    const fields: string[] = [];
    for (const [name, list] of Object.entries(r.form)) {
      const value = fieldValue(list);
      if (value === undefined) return { unbuildable: `form field ${name}` };
      fields.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    }
    body = fields.join('&');
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  if (r.requiresState && Object.keys(r.requiresState).length > 0)
    return { unbuildable: 'requires state (exercised by fixture request lists)' };
  const out: DiffRequest = {
    method: method.toUpperCase(),
    path: `${path.startsWith('/') ? path : `/${path}`}${query.length > 0 ? `?${query.join('&')}` : ''}`,
  };
  if (Object.keys(headers).length > 0) out.headers = headers;
  if (body !== undefined) out.body = body;
  return out;
}
