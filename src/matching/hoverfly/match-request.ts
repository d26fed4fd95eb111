/**
 * Matches one request against one Hoverfly request matcher, the way Hoverfly's strongest-match
 * strategy does: every field's matchers must all pass; each passing matcher adds to the score
 * (exact 2, others 1); the failed fields are kept as reasons for near-miss reports.
 */
import type { HoverflyMatcher, HoverflyRequestMatcher } from '../../model/hoverfly.js';
import { type CompiledMatcher, compileMatcher, parseForm } from './matchers.js';

/** The request as Hoverfly sees it. Header names lower-case; values are kept per occurrence. */
export interface HoverflyActualRequest {
  method: string;
  scheme: string;
  /** The Host header (may carry a port). */
  destination: string;
  /** Percent-decoded path. */
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string[]>;
  body: string;
}

export interface FieldMiss {
  /** `method`, `path`, `query.page`, `headers.accept`, `body`, `form.email`, `state.basket`... */
  field: string;
  reason: string;
}

export interface PairMatch {
  matched: boolean;
  score: number;
  missed: FieldMiss[];
}

interface CompiledList {
  matchers: CompiledMatcher[];
}

/** A request matcher compiled once. */
export interface CompiledRequestMatcher {
  source: HoverflyRequestMatcher;
  match(actual: HoverflyActualRequest, state: ReadonlyMap<string, string> | undefined): PairMatch;
  /** The literal path when the path has an `exact` matcher (for indexing), else undefined. */
  exactPath: string | undefined;
}

const compileList = (list: HoverflyMatcher[] | undefined): CompiledList | undefined =>
  list && list.length > 0 ? { matchers: list.map(compileMatcher) } : undefined;

const compileMap = (
  map: Record<string, HoverflyMatcher[]> | undefined,
): Array<[string, CompiledList]> =>
  Object.entries(map ?? {})
    .filter(([, list]) => list.length > 0)
    .map(([key, list]) => [key, { matchers: list.map(compileMatcher) }]);

const shown = (s: string): string => (s.length > 80 ? `'${s.slice(0, 77)}...'` : `'${s}'`);

/** Runs a field's matchers; returns the score it adds, or a reason when one fails. */
function runList(
  list: CompiledList,
  value: string,
  field: string,
  result: PairMatch,
  alternative?: string,
): void {
  for (const m of list.matchers) {
    if (
      m.test(value) !== undefined ||
      (alternative !== undefined && m.test(alternative) !== undefined)
    ) {
      result.score += m.score;
    } else {
      result.matched = false;
      result.missed.push({
        field,
        reason: `${field}: expected ${m.describe} but was ${shown(value)}`,
      });
      return;
    }
  }
}

function hostWithoutPort(host: string): string | undefined {
  const m = /^(\[[^\]]*\]|[^:]*):\d+$/.exec(host);
  return m ? m[1] : undefined;
}

/** How the request reaches the matcher. */
export interface RequestMatcherOptions {
  /**
   * `webserver` (default): the request came to us as a web server, as in Hoverfly's webserver
   * mode, where `destination` and `scheme` matchers are not evaluated at all (Hoverfly v1.10
   * ignores them there: checked against the real binary). `proxy`: they are matched against the
   * Host header and X-Forwarded-Proto, so one port can stand in for many hosts.
   */
  mode?: 'webserver' | 'proxy';
}

/** Go's `Request.ParseForm` reads the body only for these methods, and only url-encoded bodies. */
const FORM_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The form fields Hoverfly sees: those of an `application/x-www-form-urlencoded` body of a POST,
 * PUT or PATCH (Go's `ParseForm`); none otherwise, so a form matcher then never matches.
 */
export function formFields(actual: HoverflyActualRequest): Record<string, string[]> {
  if (!FORM_METHODS.has(actual.method)) return {};
  const type = actual.headers['content-type']?.[0]?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' ? parseForm(actual.body) : {};
}

/**
 * Compiles a request matcher.
 *
 * @example
 * const m = compileRequestMatcher({ path: [{ matcher: 'glob', value: '/pets/*' }] });
 * m.match({ method: 'GET', scheme: 'http', destination: 'x', path: '/pets/1', query: {}, headers: {}, body: '' }, undefined)
 * // → { matched: true, score: 1, missed: [] }
 */
export function compileRequestMatcher(
  source: HoverflyRequestMatcher,
  options: RequestMatcherOptions = {},
): CompiledRequestMatcher {
  const proxy = options.mode === 'proxy';
  const method = compileList(source.method);
  const scheme = proxy ? compileList(source.scheme) : undefined;
  const destination = proxy ? compileList(source.destination) : undefined;
  const path = compileList(source.path);
  const body = compileList(source.body);
  const query = compileMap(source.query);
  const headers = compileMap(source.headers);
  const form = source.form ? compileMap(source.form) : [];
  const requires = Object.entries(source.requiresState ?? {});
  const exact = source.path?.find((m) => m.matcher.toLowerCase() === 'exact' && !m.doMatch);
  const exactPath = typeof exact?.value === 'string' ? exact.value : undefined;

  return {
    source,
    exactPath,
    match(actual, state) {
      const result: PairMatch = { matched: true, score: 0, missed: [] };
      if (method) runList(method, actual.method, 'method', result);
      if (path) runList(path, actual.path, 'path', result);
      if (destination) {
        runList(
          destination,
          actual.destination,
          'destination',
          result,
          hostWithoutPort(actual.destination),
        );
      }
      if (scheme) runList(scheme, actual.scheme, 'scheme', result);
      for (const [name, list] of query) {
        const values = actual.query[name];
        if (values === undefined) {
          result.matched = false;
          result.missed.push({
            field: `query.${name}`,
            reason: `query.${name}: expected the query parameter but it was missing`,
          });
        } else runList(list, values.join(';'), `query.${name}`, result);
      }
      for (const [name, list] of headers) {
        const values = actual.headers[name.toLowerCase()];
        if (values === undefined) {
          result.matched = false;
          result.missed.push({
            field: `headers.${name}`,
            reason: `headers.${name}: expected the header but it was missing`,
          });
        } else runList(list, values.join(';'), `headers.${name}`, result);
      }
      if (body) runList(body, actual.body, 'body', result);
      if (form.length > 0) {
        const fields = formFields(actual);
        for (const [name, list] of form) {
          const values = fields[name];
          if (values === undefined) {
            result.matched = false;
            result.missed.push({
              field: `form.${name}`,
              reason: `form.${name}: expected the form field but it was missing`,
            });
          } else runList(list, values.join(';'), `form.${name}`, result);
        }
      }
      for (const [key, value] of requires) {
        const current = state?.get(key);
        if (current === value) result.score += 1;
        else {
          result.matched = false;
          result.missed.push({
            field: `state.${key}`,
            reason: `state.${key}: expected '${value}' but was ${current === undefined ? 'unset' : `'${current}'`}`,
          });
        }
      }
      return result;
    },
  };
}
