/**
 * Turns the request, response and message parts of a pact (any spec version) into the model of
 * `src/model/pact.ts`: V1/V2 query strings are parsed, header values become arrays, V2 flat
 * `$.body.x` rules are regrouped by category, `path`/`status` rules and generators move under the
 * key `$`, and bodies become `{content, contentType?, encoded?}` as in V4.
 *
 * Bad input never throws: every problem is a `GAUNTLET_E_PACT_INVALID` diagnostic carrying the
 * JSON pointer of the offending value (`at` is the pointer of the part being normalised).
 *
 * This file reads the interaction parts (request, response, message: method, path, query,
 * headers, status, metadata) and assembles them; the seams live next to it: matching rules in
 * `matching-rules.ts`, generators in `generators.ts`, bodies in `body.ts`, and what they all share
 * (problems, pointers, categories) in `normalise-support.ts`.
 */

import type { Diagnostic } from '../../model/diagnostic.js';
import type {
  Generators,
  MatchingRules,
  PactHttpRequest,
  PactHttpResponse,
  PactMessageContents,
  RuleCategory,
} from '../../model/pact.js';
import { isRecord } from '../../util/guards.js';
import { normaliseBody } from './body.js';
import { normaliseGenerators } from './generators.js';
import { normaliseMatchingRules } from './matching-rules.js';
import {
  child,
  describe,
  type Normalised,
  type PactVersionFamily,
  problem,
} from './normalise-support.js';

export { normaliseGenerators } from './generators.js';
export { normaliseMatchingRules, splitV2RulePath } from './matching-rules.js';
export type { Normalised, PactVersionFamily } from './normalise-support.js';

/** Map of a header/query-like object to string arrays; numbers and booleans are stringified. */
function stringArrayMap(
  raw: unknown,
  at: string,
  what: string,
  diagnostics: Diagnostic[],
): Record<string, string[]> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    problem(diagnostics, at, what, `it is ${describe(raw)}, not an object`);
    return undefined;
  }
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    const values = Array.isArray(value) ? value : [value];
    const strings: string[] = [];
    values.forEach((v, i) => {
      if (typeof v === 'string') strings.push(v);
      else if (typeof v === 'number' || typeof v === 'boolean') strings.push(String(v));
      else if (v === null) strings.push('');
      else {
        const p = Array.isArray(value) ? child(child(at, name), i) : child(at, name);
        problem(diagnostics, p, `${what} '${name}'`, `its value is ${describe(v)}`, 'warning');
      }
    });
    out[name] = strings;
  }
  return out;
}

function decodeQueryComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Parses `a=1&b=2&a=3` into `{a: ['1', '3'], b: ['2']}` (`+` is a space, `%xx` decoded). */
export function parseQueryString(query: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (text === '') return out;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeQueryComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryComponent(pair.slice(eq + 1));
    const list = out[name] ?? [];
    list.push(value);
    out[name] = list;
  }
  return out;
}

function normaliseQuery(
  raw: unknown,
  at: string,
  diagnostics: Diagnostic[],
): Record<string, string[]> | undefined {
  if (raw === undefined || raw === null) return undefined;
  // V1/V2 write the query as a string; some V3 writers do too.
  if (typeof raw === 'string') return parseQueryString(raw);
  return stringArrayMap(raw, at, 'the query', diagnostics);
}

function headerValue(headers: Record<string, string[]> | undefined, name: string) {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const [key, values] of Object.entries(headers)) {
    if (key.toLowerCase() === lower) return values.join(', ');
  }
  return undefined;
}

/** Moves a message's `body` rules or generators to the category its contents use. */
function moveBody<T>(
  groups: Partial<Record<RuleCategory, Record<string, T>>>,
  to: RuleCategory | undefined,
): void {
  if (to && groups.body) {
    groups[to] = { ...groups[to], ...groups.body };
    delete groups.body;
  }
}

function rulesAndGenerators(
  raw: Record<string, unknown>,
  version: PactVersionFamily,
  at: string,
  diagnostics: Diagnostic[],
  renameBodyTo?: RuleCategory,
): { matchingRules?: MatchingRules; generators?: Generators } {
  const out: { matchingRules?: MatchingRules; generators?: Generators } = {};
  const rules = normaliseMatchingRules(raw.matchingRules, version, child(at, 'matchingRules'));
  diagnostics.push(...rules.diagnostics);
  if (rules.value) {
    moveBody(rules.value, renameBodyTo);
    out.matchingRules = rules.value;
  }
  const gens = normaliseGenerators(raw.generators, version, child(at, 'generators'));
  diagnostics.push(...gens.diagnostics);
  if (gens.value) {
    moveBody(gens.value, renameBodyTo);
    out.generators = gens.value;
  }
  return out;
}

function headersOf(
  raw: Record<string, unknown>,
  at: string,
  diagnostics: Diagnostic[],
): Record<string, string[]> | undefined {
  return stringArrayMap(raw.headers, child(at, 'headers'), 'the headers', diagnostics);
}

/**
 * Normalises one pact request (any spec version) into the model. Missing `method` and `path`
 * default to `GET` and `/` as in Pact; a missing body stays absent (= not specified).
 *
 * @example
 * normalisePactRequest({method: 'get', path: '/pets', query: 'limit=10'}, 2, '/interactions/0/request')
 * // → { value: { method: 'GET', path: '/pets', query: { limit: ['10'] } }, diagnostics: [] }
 */
export function normalisePactRequest(
  raw: unknown,
  version: PactVersionFamily,
  at: string,
): Normalised<PactHttpRequest> {
  const diagnostics: Diagnostic[] = [];
  if (!isRecord(raw)) {
    problem(diagnostics, at, 'the request', `it is ${describe(raw)}, not an object`);
    return { diagnostics };
  }
  let method = 'GET';
  if (typeof raw.method === 'string') method = raw.method.toUpperCase();
  else if (raw.method !== undefined) {
    problem(diagnostics, child(at, 'method'), 'the request method', 'it is not a string');
  }
  let path = '/';
  if (typeof raw.path === 'string') path = raw.path;
  else if (raw.path !== undefined) {
    problem(diagnostics, child(at, 'path'), 'the request path', 'it is not a string');
  }
  const value: PactHttpRequest = { method, path };
  const query = normaliseQuery(raw.query, child(at, 'query'), diagnostics);
  if (query) value.query = query;
  if (typeof raw.query === 'string') value.rawQuery = raw.query;
  Object.assign(value, headersBodyAndRules(raw, version, at, diagnostics));
  return { value, diagnostics };
}

/**
 * Normalises one pact response (any spec version). A missing `status` defaults to 200.
 *
 * @example
 * normalisePactResponse({status: 200, body: {id: 1}}, 3, '/interactions/0/response')
 * // → { value: { status: 200, body: { content: { id: 1 }, contentType: 'application/json' } }, ... }
 */
export function normalisePactResponse(
  raw: unknown,
  version: PactVersionFamily,
  at: string,
): Normalised<PactHttpResponse> {
  const diagnostics: Diagnostic[] = [];
  if (!isRecord(raw)) {
    problem(diagnostics, at, 'the response', `it is ${describe(raw)}, not an object`);
    return { diagnostics };
  }
  let status = 200;
  if (typeof raw.status === 'number' && Number.isInteger(raw.status)) status = raw.status;
  else if (typeof raw.status === 'string' && /^\d{3}$/.test(raw.status))
    status = Number(raw.status);
  else if (raw.status !== undefined) {
    problem(diagnostics, child(at, 'status'), 'the response status', 'it is not an integer');
  }
  const value: PactHttpResponse = { status };
  Object.assign(value, headersBodyAndRules(raw, version, at, diagnostics));
  return { value, diagnostics };
}

/** The parts a request and a response share: headers, the body (typed by its Content-Type), rules. */
function headersBodyAndRules(
  raw: Record<string, unknown>,
  version: PactVersionFamily,
  at: string,
  diagnostics: Diagnostic[],
): Pick<PactHttpResponse, 'headers' | 'body' | 'matchingRules' | 'generators'> {
  const out: Pick<PactHttpResponse, 'headers' | 'body' | 'matchingRules' | 'generators'> = {};
  const headers = headersOf(raw, at, diagnostics);
  if (headers) out.headers = headers;
  const contentType = headerValue(headers, 'content-type');
  const body = normaliseBody(raw, 'body', version, at, contentType, diagnostics);
  if (body) out.body = body;
  return Object.assign(out, rulesAndGenerators(raw, version, at, diagnostics));
}

function metadataContentType(metadata: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(metadata)) {
    const k = key.toLowerCase();
    if ((k === 'contenttype' || k === 'content-type') && typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Normalises the contents of a message (V3 `contents` + `metaData`, V4 `contents` body +
 * `metadata`). Body rules (V3 `body`, V4 `content`) land in the `content` category.
 *
 * @example
 * normalisePactMessageContents({contents: {id: 1}, metaData: {contentType: 'application/json'}}, 3, '/messages/0')
 * // → { value: { contents: { content: { id: 1 }, contentType: 'application/json' },
 * //             metadata: { contentType: 'application/json' } }, diagnostics: [] }
 */
export function normalisePactMessageContents(
  raw: unknown,
  version: PactVersionFamily,
  at: string,
): Normalised<PactMessageContents> {
  const diagnostics: Diagnostic[] = [];
  if (!isRecord(raw)) {
    problem(diagnostics, at, 'the message', `it is ${describe(raw)}, not an object`);
    return { diagnostics };
  }
  const metaKey = 'metadata' in raw ? 'metadata' : 'metaData';
  let metadata: Record<string, unknown> = {};
  if (isRecord(raw[metaKey])) metadata = { ...raw[metaKey] };
  else if (raw[metaKey] !== undefined && raw[metaKey] !== null) {
    problem(diagnostics, child(at, metaKey), 'the message metadata', 'it is not an object');
  }
  const value: PactMessageContents = { metadata };
  const contents = normaliseBody(
    raw,
    'contents',
    version,
    at,
    metadataContentType(metadata),
    diagnostics,
  );
  if (contents) value.contents = contents;
  Object.assign(value, rulesAndGenerators(raw, version, at, diagnostics, 'content'));
  return { value, diagnostics };
}
