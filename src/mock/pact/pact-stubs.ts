/**
 * Serves the HTTP interactions of a pact as stubs (pact-stub-server's job, in the pure engine).
 * Interactions are indexed by method and literal path (rule-matched paths in a per-method list),
 * matched with the Pact matching engine, and when several match the most specific one wins: most
 * literal values, then fewest rule-based ones, then file order (pact-stub-server #53 picks the
 * first, which surprises users). Provider states come from `X-Pact-Provider-State` or
 * `?providerState=`; without one, state-independent interactions are preferred.
 */

import { isJsonContentType } from '../../matching/pact/content-type.js';
import {
  applyGenerators,
  type MatchOptions,
  type Mismatch,
  matchRequest,
} from '../../matching/pact/index.js';
import type {
  PactBody,
  PactHttpInteraction,
  PactHttpRequest,
  PactHttpResponse,
  Service,
} from '../../model/index.js';
import type { HeaderMap, MockRequest, MockResponse } from '../types.js';
import type { NearMiss } from './near-miss.js';

export interface PactStubOptions {
  random: () => number;
  now: () => Date;
}

export interface PactRequestContext {
  /** The path inside the mount (prefix removed), still percent-encoded. */
  path: string;
  /** Base URL of this service's mount, for `MockServerURL` generators. */
  baseUrl: string;
}

interface Entry {
  index: number;
  interaction: PactHttpInteraction;
  states: Set<string>;
  stateParams: Record<string, unknown>;
  literals: number;
  rules: number;
  /** Method and literal path only: the index lookup already matched it, if no query was sent. */
  trivial: boolean;
  /** Pre-built answer when the response has no generators. */
  fixed?: MockResponse;
}

export interface PactStubs {
  handle(request: MockRequest, context: PactRequestContext): MockResponse | undefined;
  explain(request: MockRequest, context: PactRequestContext, limit?: number): NearMiss[];
  size: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The request header and query parameter that choose a provider state. */
export const PROVIDER_STATE_HEADER = 'x-pact-provider-state';
export const PROVIDER_STATE_QUERY = 'providerState';

function specVersion(service: Service): number | undefined {
  const v = service.pact?.specification;
  return v === undefined ? undefined : Number.parseFloat(v);
}

function jsonLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + jsonLeaves(v), 0);
  if (typeof value === 'object' && value !== null)
    return Object.values(value).reduce<number>((n, v) => n + jsonLeaves(v), 0);
  return 1;
}

/** How specific an interaction's request is: literal values, and values decided by rules. */
function specificity(request: PactHttpRequest): { literals: number; rules: number } {
  const rules = request.matchingRules ?? {};
  let literals = 0;
  let ruleCount = 0;
  const count = (category: Record<string, { matchers: unknown[] }> | undefined): number =>
    Object.values(category ?? {}).reduce((n, list) => n + list.matchers.length, 0);
  const pathRules = count(rules.path);
  ruleCount += pathRules;
  if (pathRules === 0) literals += 1;
  for (const [category, map] of [
    ['query', request.query],
    ['header', request.headers],
  ] as const) {
    const ruled = rules[category] ?? {};
    for (const [name, values] of Object.entries(map ?? {})) {
      const r = Object.keys(ruled).find((k) => k.toLowerCase() === name.toLowerCase());
      if (r === undefined) literals += values.length;
    }
    ruleCount += count(ruled);
  }
  if (request.body !== undefined) {
    const bodyRules = count(rules.body);
    ruleCount += bodyRules;
    literals += Math.max(
      0,
      jsonLeaves(request.body.content) - Object.keys(rules.body ?? {}).length,
    );
  }
  return { literals, rules: ruleCount };
}

function base64Bytes(b64: string): Uint8Array {
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return encoder.encode(b64);
  }
}

/** Response body bytes per content type: JSON serialised, text as UTF-8, base64 decoded. */
function bodyBytes(body: PactBody | undefined): Uint8Array | undefined {
  if (!body || body.content === undefined || body.content === null) return undefined;
  const { content } = body;
  if (typeof content === 'string') {
    if (typeof body.encoded === 'string' && body.encoded.toLowerCase() === 'base64')
      return base64Bytes(content);
    // Under a JSON content type the content is a JSON value: a string is sent as a JSON string.
    if (isJsonContentType(body.contentType) && content !== '')
      return encoder.encode(JSON.stringify(content));
    return encoder.encode(content);
  }
  return encoder.encode(JSON.stringify(content));
}

function buildResponse(response: PactHttpResponse): MockResponse {
  const headers: Array<[string, string]> = [];
  let hasType = false;
  for (const [name, values] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() === 'content-length') continue;
    if (name.toLowerCase() === 'content-type') hasType = true;
    // Pact header values are comma lists already split; send them as one header.
    headers.push([name, values.join(', ')]);
  }
  const body = bodyBytes(response.body);
  if (body && !hasType) {
    const type =
      response.body?.contentType ??
      (typeof response.body?.content === 'string' ? 'text/plain' : 'application/json');
    headers.push(['Content-Type', type]);
  }
  return body ? { status: response.status, headers, body } : { status: response.status, headers };
}

function first(headers: HeaderMap, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** The query as a map, without the provider-state parameter; also returns the state it named. */
function readQuery(query: string): { query: Record<string, string[]>; state?: string } {
  const out: Record<string, string[]> = {};
  let state: string | undefined;
  if (query === '') return { query: out };
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    if (name === PROVIDER_STATE_QUERY) state = value;
    else {
      const list = out[name] ?? [];
      list.push(value);
      out[name] = list;
    }
  }
  return state === undefined ? { query: out } : { query: out, state };
}

/** Converts a mock request into the Pact model (JSON bodies parsed) and the provider state it asks for. */
export function toPactRequest(
  request: MockRequest,
  path: string,
): { actual: PactHttpRequest; state?: string } {
  const { query, state: queryState } = readQuery(request.query);
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value : [value];
  }
  const actual: PactHttpRequest = { method: request.method.toUpperCase(), path: decode(path) };
  if (Object.keys(query).length > 0) actual.query = query;
  actual.headers = headers;
  if (request.body && request.body.byteLength > 0) {
    const contentType = first(request.headers, 'content-type');
    const text = decoder.decode(request.body);
    let content: unknown = text;
    if (isJsonContentType(contentType)) {
      try {
        content = JSON.parse(text);
      } catch {
        content = text;
      }
    }
    actual.body = contentType === undefined ? { content } : { content, contentType };
  }
  const state = first(request.headers, PROVIDER_STATE_HEADER) ?? queryState;
  return state === undefined ? { actual } : { actual, state };
}

function interactionName(entry: Entry): string {
  const r = entry.interaction.request;
  const states = [...entry.states];
  return `${r.method.toUpperCase()} ${r.path} "${entry.interaction.description}"${states.length > 0 ? ` (given ${states.join(', ')})` : ''}`;
}

/** No query, headers, body or rules: equal method and path (the index key) decide the match. */
function isTrivial(r: PactHttpRequest): boolean {
  const rules = r.matchingRules ?? {};
  return (
    Object.keys(r.query ?? {}).length === 0 &&
    Object.keys(r.headers ?? {}).length === 0 &&
    r.body === undefined &&
    Object.values(rules).every((category) => Object.keys(category ?? {}).length === 0)
  );
}

const KINDS = ['method', 'path', 'query', 'header', 'body'] as const;

/**
 * Compiles the HTTP interactions of a pact service into stubs.
 *
 * @example
 * const stubs = compilePactStubs(service, { random: seededRandom(1), now: () => new Date() });
 * stubs.handle(request, { path: request.path, baseUrl: 'http://localhost:8080' });
 */
export function compilePactStubs(service: Service, options: PactStubOptions): PactStubs {
  const matchOptions: MatchOptions = {};
  const version = specVersion(service);
  if (version !== undefined) matchOptions.version = version;
  const literal = new Map<string, Entry[]>();
  const ruled = new Map<string, Entry[]>();
  const entries: Entry[] = service.interactions.map((interaction, index) => {
    const stateParams: Record<string, unknown> = {};
    for (const s of interaction.providerStates) Object.assign(stateParams, s.params ?? {});
    const entry: Entry = {
      index,
      interaction,
      states: new Set(interaction.providerStates.map((s) => s.name)),
      stateParams,
      ...specificity(interaction.request),
      trivial: isTrivial(interaction.request),
    };
    const generators = interaction.response.generators;
    if (!generators || Object.keys(generators).length === 0)
      entry.fixed = buildResponse(interaction.response);
    const method = interaction.request.method.toUpperCase();
    const hasPathRule = Object.keys(interaction.request.matchingRules?.path ?? {}).length > 0;
    if (hasPathRule) {
      const list = ruled.get(method);
      if (list) list.push(entry);
      else ruled.set(method, [entry]);
    } else {
      const key = `${method} ${interaction.request.path}`;
      const list = literal.get(key);
      if (list) list.push(entry);
      else literal.set(key, [entry]);
    }
    return entry;
  });

  const candidates = (method: string, path: string): Entry[] => {
    const a = literal.get(`${method} ${path}`) ?? [];
    const b = ruled.get(method) ?? [];
    if (b.length === 0) return a;
    if (a.length === 0) return b;
    return [...a, ...b].sort((x, y) => x.index - y.index);
  };

  const answer = (entry: Entry, context: PactRequestContext): MockResponse => {
    if (entry.fixed) return entry.fixed;
    const { value, problems } = applyGenerators(
      entry.interaction.response,
      entry.interaction.response.generators,
      {
        random: options.random,
        now: options.now,
        providerState: entry.stateParams,
        mockServerUrl: context.baseUrl,
      },
    );
    const response = buildResponse(value);
    if (problems.length > 0) {
      response.after = problems.map((message) => ({
        kind: 'warning' as const,
        code: 'mock.pact.generator',
        message: `Generator skipped for "${entry.interaction.description}": ${message}`,
      }));
    }
    return response;
  };

  return {
    size: entries.length,
    handle(request, context) {
      const { actual, state } = toPactRequest(request, context.path);
      const matched: Entry[] = [];
      for (const entry of candidates(actual.method, actual.path)) {
        if (
          entry.trivial
            ? actual.query === undefined
            : matchRequest(entry.interaction.request, actual, matchOptions).length === 0
        )
          matched.push(entry);
      }
      if (matched.length === 0) return undefined;
      let eligible: Entry[];
      if (state !== undefined) {
        eligible = matched.filter((e) => e.states.has(state));
        if (eligible.length === 0) eligible = matched.filter((e) => e.states.size === 0);
        if (eligible.length === 0) return undefined;
      } else {
        eligible = matched.filter((e) => e.states.size === 0);
        if (eligible.length === 0) eligible = matched;
      }
      let best = eligible[0]!;
      for (const e of eligible) {
        if (e.literals > best.literals || (e.literals === best.literals && e.rules < best.rules))
          best = e;
      }
      return answer(best, context);
    },
    explain(request, context, limit = 3) {
      const { actual, state } = toPactRequest(request, context.path);
      const misses: Array<NearMiss & { order: number }> = [];
      for (const entry of entries) {
        const mismatches: Mismatch[] = matchRequest(
          entry.interaction.request,
          actual,
          matchOptions,
        );
        const reasons = mismatches.map((m) => m.message);
        if (state !== undefined && entry.states.size > 0 && !entry.states.has(state))
          reasons.push(
            `Provider state '${state}' was asked for, but this interaction is given ${[...entry.states].map((s) => `'${s}'`).join(', ')}`,
          );
        if (reasons.length === 0) continue;
        const failedKinds = new Set(mismatches.map((m) => m.kind));
        const score = KINDS.filter((k) => !failedKinds.has(k)).length * 100 - mismatches.length;
        misses.push({
          source: 'pact',
          name: interactionName(entry),
          score,
          reasons: reasons.slice(0, 3),
          order: entry.index,
        });
      }
      misses.sort((a, b) => b.score - a.score || a.order - b.order);
      return misses.slice(0, limit).map(({ order: _order, ...miss }) => miss);
    },
  };
}
