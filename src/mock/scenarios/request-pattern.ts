import { escapeRegex } from '../../util/text.js';
import type { MockRequest } from '../types.js';
import type { BodyCondition, ScenarioRequestPattern, ValueCondition } from './types.js';

/** Per-request lazily parsed parts, shared by every stub tried for one request. */
export interface RequestView {
  request: MockRequest;
  query?: URLSearchParams;
  text?: string;
  json?: { value: unknown; ok: boolean };
}

/** A compiled request pattern: returns the path parameters when the request matches. */
export interface CompiledPattern {
  method?: string;
  /** The exact path when the pattern's path is literal (the engine indexes stubs by it). */
  literalPath?: string;
  match(view: RequestView): Record<string, string> | undefined;
}

export interface PatternIssue {
  pointer: string;
  message: string;
}

const decoder = new TextDecoder();
const VARIABLE = /\{([^{}/]+)\}/g;

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function compileRegex(
  source: string,
  pointer: string,
  issues: PatternIssue[],
  anchor = false,
): RegExp | undefined {
  try {
    return new RegExp(anchor ? `^(?:${source})$` : source);
  } catch (error) {
    issues.push({
      pointer,
      message: `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
    });
    return undefined;
  }
}

type PathMatcher = (path: string) => Record<string, string> | undefined;

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function compilePath(
  pattern: ScenarioRequestPattern,
  prefix: string,
  issues: PatternIssue[],
): PathMatcher | undefined {
  if (pattern.path !== undefined && pattern.pathPattern !== undefined) {
    issues.push({ pointer: '/pathPattern', message: 'give either path or pathPattern, not both' });
    return undefined;
  }
  if (pattern.pathPattern !== undefined) {
    const regex = compileRegex(
      `${escapeRegex(prefix)}(?:${pattern.pathPattern})`,
      '/pathPattern',
      issues,
      true,
    );
    if (!regex) return undefined;
    return (path) => {
      const m = regex.exec(path);
      if (!m) return undefined;
      if (!m.groups) return NO_PARAMS;
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups)) if (v !== undefined) params[k] = decode(v);
      return params;
    };
  }
  if (pattern.path === undefined) return () => NO_PARAMS;
  const full = prefix + pattern.path;
  if (!full.startsWith('/')) {
    issues.push({ pointer: '/path', message: `a path starts with '/': got '${pattern.path}'` });
    return undefined;
  }
  const names = [...full.matchAll(VARIABLE)].map((m) => m[1]!);
  if (names.length === 0) return (path) => (path === full ? NO_PARAMS : undefined);
  let source = '';
  let last = 0;
  for (const m of full.matchAll(VARIABLE)) {
    source += `${escapeRegex(full.slice(last, m.index))}([^/]+)`;
    last = m.index + m[0].length;
  }
  source += escapeRegex(full.slice(last));
  const regex = new RegExp(`^${source}$`);
  return (path) => {
    const m = regex.exec(path);
    if (!m) return undefined;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decode(m[i + 1] ?? '');
    });
    return params;
  };
}

type ValueTest = (value: string | undefined) => boolean;

function compileValue(
  condition: ValueCondition,
  pointer: string,
  issues: PatternIssue[],
): ValueTest | undefined {
  if (typeof condition === 'string') return (v) => v === condition;
  if ('equals' in condition) return (v) => v === condition.equals;
  if ('contains' in condition) return (v) => v?.includes(condition.contains) === true;
  if ('absent' in condition) return (v) => v === undefined;
  if ('matches' in condition) {
    const regex = compileRegex(condition.matches, `${pointer}/matches`, issues);
    return regex ? (v) => v !== undefined && regex.test(v) : undefined;
  }
  issues.push({
    pointer,
    message: 'a condition is a string or one of {equals}, {matches}, {contains}, {absent: true}',
  });
  return undefined;
}

/** Deep JSON equality (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (
    typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    !Array.isArray(b)
  ) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    );
  }
  return false;
}

/** True when `actual` holds every field of `expected` (recursively; arrays item by item, same length). */
export function jsonContains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => jsonContains(actual[i], item))
    );
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(
      ([k, v]) =>
        Object.hasOwn(actual, k) && jsonContains((actual as Record<string, unknown>)[k], v),
    );
  }
  return actual === expected;
}

function text(view: RequestView): string {
  if (view.text === undefined) {
    const body = view.request.body;
    view.text = body === undefined ? '' : decoder.decode(body);
  }
  return view.text;
}

function json(view: RequestView): { value: unknown; ok: boolean } {
  if (view.json === undefined) {
    try {
      view.json = { value: JSON.parse(text(view)), ok: true };
    } catch {
      view.json = { value: undefined, ok: false };
    }
  }
  return view.json;
}

type BodyTest = (view: RequestView) => boolean;

function compileBody(condition: BodyCondition, issues: PatternIssue[]): BodyTest | undefined {
  if ('equalToJson' in condition) {
    const expected = condition.equalToJson;
    return (view) => {
      const parsed = json(view);
      return parsed.ok && jsonEqual(parsed.value, expected);
    };
  }
  if ('partialJson' in condition) {
    const expected = condition.partialJson;
    return (view) => {
      const parsed = json(view);
      return parsed.ok && jsonContains(parsed.value, expected);
    };
  }
  if ('contains' in condition) return (view) => text(view).includes(condition.contains);
  if ('matches' in condition) {
    const regex = compileRegex(condition.matches, '/body/matches', issues);
    return regex ? (view) => regex.test(text(view)) : undefined;
  }
  issues.push({
    pointer: '/body',
    message: 'a body condition is one of {equalToJson}, {partialJson}, {contains}, {matches}',
  });
  return undefined;
}

function headerOf(request: MockRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Compiles a request pattern once. `prefix` is the mount path of the scenario's service.
 * Issues carry pointers relative to the pattern; the pattern is undefined when any was found.
 *
 * @example
 * const { pattern } = compilePattern({ method: 'GET', path: '/stock/{sku}' }, '');
 * pattern?.match({ request }); // { sku: 'abc' }
 */
export function compilePattern(
  pattern: ScenarioRequestPattern,
  prefix: string,
): { pattern?: CompiledPattern; issues: PatternIssue[] } {
  const issues: PatternIssue[] = [];
  const matchPath = compilePath(pattern, prefix, issues);
  const query: Array<[string, ValueTest]> = [];
  for (const [name, condition] of Object.entries(pattern.query ?? {})) {
    const test = compileValue(condition, `/query/${name}`, issues);
    if (test) query.push([name, test]);
  }
  const headers: Array<[string, ValueTest]> = [];
  for (const [name, condition] of Object.entries(pattern.headers ?? {})) {
    const test = compileValue(condition, `/headers/${name}`, issues);
    if (test) headers.push([name.toLowerCase(), test]);
  }
  const body = pattern.body === undefined ? undefined : compileBody(pattern.body, issues);
  if (
    issues.length > 0 ||
    matchPath === undefined ||
    (pattern.body !== undefined && body === undefined)
  ) {
    return { issues };
  }
  const method = pattern.method?.toUpperCase();
  const literalPath =
    pattern.path !== undefined && !/\{[^{}/]+\}/.test(pattern.path)
      ? prefix + pattern.path
      : undefined;
  return {
    issues,
    pattern: {
      ...(method === undefined ? {} : { method }),
      ...(literalPath === undefined ? {} : { literalPath }),
      match(view) {
        const params = matchPath(view.request.path);
        if (params === undefined) return undefined;
        if (query.length > 0) {
          view.query ??= new URLSearchParams(view.request.query);
          for (const [name, test] of query)
            if (!test(view.query.get(name) ?? undefined)) return undefined;
        }
        for (const [name, test] of headers)
          if (!test(headerOf(view.request, name))) return undefined;
        if (body !== undefined && !body(view)) return undefined;
        return params;
      },
    },
  };
}
