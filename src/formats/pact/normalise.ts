/**
 * Turns the request, response and message parts of a pact (any spec version) into the model of
 * `src/model/pact.ts`: V1/V2 query strings are parsed, header values become arrays, V2 flat
 * `$.body.x` rules are regrouped by category, `path`/`status` rules and generators move under the
 * key `$`, and bodies become `{content, contentType?, encoded?}` as in V4.
 *
 * Bad input never throws: every problem is a `GAUNTLET_E_PACT_INVALID` diagnostic carrying the
 * JSON pointer of the offending value (`at` is the pointer of the part being normalised).
 */

import { detectTextContentType, isJsonContentType } from '../../matching/pact/content-type.js';
import { type Diagnostic, escapePointerToken } from '../../model/diagnostic.js';
import type {
  Generator,
  Generators,
  MatchingRule,
  MatchingRules,
  PactBody,
  PactHttpRequest,
  PactHttpResponse,
  PactMessageContents,
  RuleCategory,
  RuleList,
} from '../../model/pact.js';
import { isRecord } from '../../util/guards.js';

/** The spec families whose file shapes differ; 1.1 counts as 1. */
export type PactVersionFamily = 1 | 2 | 3 | 4;

export interface Normalised<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

const CODE = 'GAUNTLET_E_PACT_INVALID';

function child(at: string, token: string | number): string {
  return `${at}/${escapePointerToken(token)}`;
}

function problem(
  diagnostics: Diagnostic[],
  path: string,
  what: string,
  because: string,
  severity: 'error' | 'warning' = 'error',
): void {
  diagnostics.push({
    code: CODE,
    severity,
    path,
    message: `Failed to read ${what}: because ${because}. Fix the pact file (or regenerate it with a Pact library).`,
  });
}

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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
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

/** Content parsed as JSON when the content type says JSON, else left as it is. */
function contentFor(content: unknown, contentType: string | undefined): unknown {
  if (typeof content === 'string' && content !== '' && isJsonContentType(contentType)) {
    try {
      return JSON.parse(content);
    } catch {
      // Pact keeps an unparseable "JSON" string as a JSON string value.
      return content;
    }
  }
  return content;
}

/**
 * V1–V3 bodies are the raw value; the content type is the Content-Type header, else detected.
 * `null` and `''` are present bodies (empty), only a missing key means "not specified".
 */
function legacyBody(
  raw: unknown,
  headerContentType: string | undefined,
  detectNonText = true,
): PactBody {
  let contentType = headerContentType;
  if (contentType === undefined) {
    if (typeof raw === 'string') {
      if (raw !== '') contentType = detectTextContentType(raw);
    } else if (raw !== null && detectNonText) {
      contentType = 'application/json';
    }
  }
  const body: PactBody = { content: contentFor(raw, contentType) };
  if (contentType !== undefined) body.contentType = contentType;
  return body;
}

function v4Body(
  raw: unknown,
  at: string,
  headerContentType: string | undefined,
  diagnostics: Diagnostic[],
): PactBody {
  if (!isRecord(raw) || !('content' in raw)) return legacyBody(raw, headerContentType);
  let contentType: string | undefined;
  if (typeof raw.contentType === 'string' && raw.contentType !== '') contentType = raw.contentType;
  else if (raw.contentType !== undefined && raw.contentType !== null) {
    problem(diagnostics, child(at, 'contentType'), 'the body content type', 'it is not a string');
  }
  contentType ??= headerContentType;
  const encoded = raw.encoded;
  let content = raw.content;
  const body: PactBody = { content };
  if (typeof encoded === 'string' && encoded !== '') {
    if (encoded.toLowerCase() === 'json' && typeof content === 'string') {
      try {
        content = JSON.parse(content);
      } catch {
        problem(
          diagnostics,
          child(at, 'content'),
          'the body',
          'it says encoded "json" but is not JSON',
        );
      }
      body.content = content;
    } else {
      body.encoded = encoded;
    }
  } else {
    if (contentType === undefined) {
      if (typeof content === 'string') {
        if (content !== '') contentType = detectTextContentType(content);
      } else if (content !== null && content !== undefined) {
        contentType = 'application/json';
      }
    }
    // Not encoded: `content` is the body as a JSON value. A string under a JSON content type is
    // a JSON string (pact-stub-server answers it quoted), not JSON text to parse.
    body.content = isJsonContentType(contentType) ? content : contentFor(content, contentType);
    if (encoded === false) body.encoded = false;
  }
  if (contentType !== undefined) body.contentType = contentType;
  return body;
}

function normaliseBody(
  owner: Record<string, unknown>,
  key: string,
  version: PactVersionFamily,
  at: string,
  headerContentType: string | undefined,
  diagnostics: Diagnostic[],
): PactBody | undefined {
  if (!(key in owner) || owner[key] === undefined) return undefined;
  const raw = owner[key];
  return version >= 4
    ? v4Body(raw, child(at, key), headerContentType, diagnostics)
    : legacyBody(raw, headerContentType);
}

// ---------------------------------------------------------------- matching rules

/** A matcher object as written; fills in `match` for the V2 shorthand (`{regex}`, `{min}`). */
function normaliseMatcher(
  raw: unknown,
  at: string,
  diagnostics: Diagnostic[],
): MatchingRule | undefined {
  if (!isRecord(raw)) {
    problem(diagnostics, at, 'a matching rule', `it is ${describe(raw)}, not an object`);
    return undefined;
  }
  if (typeof raw.match === 'string') return { ...raw, match: raw.match };
  if (raw.match !== undefined) {
    problem(diagnostics, child(at, 'match'), 'a matching rule', '`match` is not a string');
    return undefined;
  }
  if (typeof raw.regex === 'string') return { ...raw, match: 'regex', regex: raw.regex };
  if (typeof raw.min === 'number' || typeof raw.max === 'number') return { ...raw, match: 'type' };
  if (typeof raw.timestamp === 'string')
    return { ...raw, match: 'timestamp', format: raw.timestamp };
  if (typeof raw.date === 'string') return { ...raw, match: 'date', format: raw.date };
  if (typeof raw.time === 'string') return { ...raw, match: 'time', format: raw.time };
  problem(diagnostics, at, 'a matching rule', 'it has no `match` kind');
  return undefined;
}

function normaliseRuleList(
  raw: unknown,
  at: string,
  diagnostics: Diagnostic[],
): RuleList | undefined {
  let matchersRaw: unknown[];
  let combine: 'AND' | 'OR' = 'AND';
  let matchersAt = child(at, 'matchers');
  if (Array.isArray(raw)) {
    matchersRaw = raw;
    matchersAt = at;
  } else if (isRecord(raw) && 'matchers' in raw) {
    if (!Array.isArray(raw.matchers)) {
      problem(diagnostics, matchersAt, 'matching rules', '`matchers` is not an array');
      return undefined;
    }
    matchersRaw = raw.matchers;
    if (raw.combine !== undefined) {
      const c = typeof raw.combine === 'string' ? raw.combine.toUpperCase() : '';
      if (c === 'AND' || c === 'OR') combine = c;
      else {
        problem(diagnostics, child(at, 'combine'), 'matching rules', '`combine` is not AND or OR');
      }
    }
  } else if (isRecord(raw)) {
    // A single matcher written without the `matchers` wrapper (old writers).
    matchersRaw = [raw];
    matchersAt = at;
    const rule = normaliseMatcher(raw, at, diagnostics);
    return rule ? { combine, matchers: [rule] } : undefined;
  } else {
    problem(diagnostics, at, 'matching rules', `they are ${describe(raw)}, not an object`);
    return undefined;
  }
  const matchers: MatchingRule[] = [];
  matchersRaw.forEach((m, i) => {
    const rule = normaliseMatcher(m, child(matchersAt, i), diagnostics);
    if (rule) matchers.push(rule);
  });
  return { combine, matchers };
}

const CATEGORY_ALIASES: Record<string, RuleCategory> = {
  body: 'body',
  header: 'header',
  headers: 'header',
  query: 'query',
  path: 'path',
  status: 'status',
  metadata: 'metadata',
  metaData: 'metadata',
  content: 'content',
  contents: 'content',
};

/** `$.body.a` → `$.a`, `$.body` → `$`, `$.body[0]` → `$[0]`; undefined when not under `$.body`. */
function stripPrefix(path: string, prefix: string): string | undefined {
  if (path === prefix) return '$';
  const rest = path.slice(prefix.length);
  if (path.startsWith(prefix) && (rest.startsWith('.') || rest.startsWith('['))) return `$${rest}`;
  return undefined;
}

/** `.Content-Type` or `['Content-Type']` → `Content-Type`. */
function singleName(rest: string): string | undefined {
  if (rest.startsWith('.')) return rest.slice(1);
  const m = /^\[\s*(['"])(.*)\1\s*\]$/.exec(rest);
  return m?.[2];
}

/** Where a V2 flat rule key goes: category and key inside it. */
export function splitV2RulePath(path: string): { category: RuleCategory; key: string } | undefined {
  const body = stripPrefix(path, '$.body');
  if (body !== undefined) return { category: 'body', key: body };
  if (path === '$.path') return { category: 'path', key: '$' };
  if (path === '$.status') return { category: 'status', key: '$' };
  for (const [prefix, category] of [
    ['$.headers', 'header'],
    ['$.header', 'header'],
    ['$.query', 'query'],
    ['$.metadata', 'metadata'],
    ['$.metaData', 'metadata'],
  ] as const) {
    if (path.startsWith(prefix)) {
      const name = singleName(path.slice(prefix.length));
      if (name !== undefined && name !== '') return { category, key: name };
    }
  }
  return undefined;
}

/**
 * Normalises the `matchingRules` of a request, response or message: V2 flat rules are regrouped
 * into categories, V3/V4 categories are kept, `path`/`status` rule lists move under the key `$`.
 *
 * @example
 * normaliseMatchingRules({'$.body.id': {match: 'type'}}, 2, '/interactions/0/request/matchingRules')
 * // → { value: { body: { '$.id': { combine: 'AND', matchers: [{ match: 'type' }] } } }, diagnostics: [] }
 */
export function normaliseMatchingRules(
  raw: unknown,
  version: PactVersionFamily,
  at: string,
): Normalised<MatchingRules> {
  const diagnostics: Diagnostic[] = [];
  if (raw === undefined || raw === null) return { diagnostics };
  if (!isRecord(raw)) {
    problem(diagnostics, at, 'the matching rules', `they are ${describe(raw)}, not an object`);
    return { diagnostics };
  }
  const rules: MatchingRules = {};
  const add = (category: RuleCategory, key: string, list: RuleList | undefined): void => {
    if (!list) return;
    const group = rules[category] ?? {};
    const existing = group[key];
    if (existing && existing.combine === list.combine) existing.matchers.push(...list.matchers);
    else group[key] = list;
    rules[category] = group;
  };
  const keys = Object.keys(raw);
  const looksFlat = keys.length > 0 && keys.every((k) => k.startsWith('$'));
  if (version <= 2 || looksFlat) {
    for (const [path, value] of Object.entries(raw)) {
      const where = splitV2RulePath(path);
      if (!where) {
        problem(
          diagnostics,
          child(at, path),
          `the matching rule '${path}'`,
          'its path is not under $.body, $.headers, $.query, $.path or $.status',
          'warning',
        );
        continue;
      }
      add(where.category, where.key, normaliseRuleList(value, child(at, path), diagnostics));
    }
    return { value: rules, diagnostics };
  }
  for (const [name, value] of Object.entries(raw)) {
    const category = CATEGORY_ALIASES[name];
    const cat = child(at, name);
    if (!category) {
      problem(
        diagnostics,
        cat,
        `the rule category '${name}'`,
        'it is not a Pact category',
        'warning',
      );
      continue;
    }
    if ((category === 'path' || category === 'status') && isRecord(value) && 'matchers' in value) {
      add(category, '$', normaliseRuleList(value, cat, diagnostics));
      continue;
    }
    if (!isRecord(value)) {
      problem(
        diagnostics,
        cat,
        `the '${name}' rules`,
        `they are ${describe(value)}, not an object`,
      );
      continue;
    }
    for (const [key, list] of Object.entries(value)) {
      add(category, key, normaliseRuleList(list, child(cat, key), diagnostics));
    }
  }
  return { value: rules, diagnostics };
}

/**
 * Normalises `generators` (V3/V4 shape; V2 had none): `path`/`status` generators move under `$`.
 *
 * @example
 * normaliseGenerators({path: {type: 'ProviderState', expression: '/x/${id}'}}, 3, '/g')
 * // → { value: { path: { $: { type: 'ProviderState', expression: '/x/${id}' } } }, diagnostics: [] }
 */
export function normaliseGenerators(
  raw: unknown,
  _version: PactVersionFamily,
  at: string,
): Normalised<Generators> {
  const diagnostics: Diagnostic[] = [];
  if (raw === undefined || raw === null) return { diagnostics };
  if (!isRecord(raw)) {
    problem(diagnostics, at, 'the generators', `they are ${describe(raw)}, not an object`);
    return { diagnostics };
  }
  const out: Generators = {};
  const readGenerator = (value: unknown, p: string): Generator | undefined => {
    if (isRecord(value) && typeof value.type === 'string') return { ...value, type: value.type };
    problem(diagnostics, p, 'a generator', 'it is not an object with a string `type`');
    return undefined;
  };
  for (const [name, value] of Object.entries(raw)) {
    const category = CATEGORY_ALIASES[name];
    const cat = child(at, name);
    if (!category) {
      problem(
        diagnostics,
        cat,
        `the generator category '${name}'`,
        'it is not a Pact category',
        'warning',
      );
      continue;
    }
    const group: Record<string, Generator> = out[category] ?? {};
    if ((category === 'path' || category === 'status') && isRecord(value) && 'type' in value) {
      const g = readGenerator(value, cat);
      if (g) group.$ = g;
    } else if (isRecord(value)) {
      for (const [key, g] of Object.entries(value)) {
        const gen = readGenerator(g, child(cat, key));
        if (gen) group[key] = gen;
      }
    } else {
      problem(
        diagnostics,
        cat,
        `the '${name}' generators`,
        `they are ${describe(value)}, not an object`,
      );
      continue;
    }
    out[category] = group;
  }
  return { value: out, diagnostics };
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
    if (renameBodyTo && rules.value.body) {
      rules.value[renameBodyTo] = { ...rules.value[renameBodyTo], ...rules.value.body };
      delete rules.value.body;
    }
    out.matchingRules = rules.value;
  }
  const gens = normaliseGenerators(raw.generators, version, child(at, 'generators'));
  diagnostics.push(...gens.diagnostics);
  if (gens.value) {
    if (renameBodyTo && gens.value.body) {
      gens.value[renameBodyTo] = { ...gens.value[renameBodyTo], ...gens.value.body };
      delete gens.value.body;
    }
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
