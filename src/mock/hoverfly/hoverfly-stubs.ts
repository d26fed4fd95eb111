/**
 * Serves a Hoverfly simulation from the pure engine: pairs are compiled once (matchers,
 * templates, response bytes), indexed by exact path, and matched with Hoverfly's strongest-match
 * strategy (or first-match on request). State is kept per session.
 */
import {
  type CompiledRequestMatcher,
  compileRequestMatcher,
  type HoverflyActualRequest,
  parseForm,
} from '../../matching/hoverfly/index.js';
import { formFields } from '../../matching/hoverfly/match-request.js';
import { goRegex } from '../../matching/hoverfly/matchers.js';
import type { HoverflyPair, HoverflySimulation, LogNormalDelay } from '../../model/hoverfly.js';
import type { NearMiss } from '../pact/near-miss.js';
import type { HeaderMap, MockRequest, MockResponse } from '../types.js';
import { sniffContentType } from './sniff-content-type.js';
import {
  type CompiledTemplate,
  compileTemplate,
  hasTemplate,
  type TemplateContext,
} from './template.js';

export type HoverflyMatchMode = 'strongest' | 'first';

export interface HoverflyStubOptions {
  random: () => number;
  now: () => Date;
  /**
   * `webserver` (default): `destination` and `scheme` matchers are not evaluated, as in
   * Hoverfly's webserver mode; `proxy`: they are matched against Host and X-Forwarded-Proto.
   */
  serveMode?: 'webserver' | 'proxy';
}

/** Per-request inputs the engine derives from headers. */
export interface HoverflyRequestContext {
  session: string;
  mode: HoverflyMatchMode;
  /** The path inside the mount (prefix removed), still percent-encoded. */
  path: string;
}

interface CompiledPair {
  index: number;
  pair: HoverflyPair;
  matcher: CompiledRequestMatcher;
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
  /** No Content-Type in the pair: Go's sniffed type is added (after rendering, for templates). */
  sniff: boolean;
  bodyTemplate?: CompiledTemplate;
  headerTemplates?: Array<[string, CompiledTemplate]>;
}

export interface HoverflyStubs {
  /** The response of the best pair, or undefined when none matches. */
  handle(request: MockRequest, context: HoverflyRequestContext): MockResponse | undefined;
  /** The closest pairs that did not match, best first, with the first reasons each failed. */
  explain(request: MockRequest, context: HoverflyRequestContext, limit?: number): NearMiss[];
  /** Forgets the state of one session, or of all sessions. */
  reset(session?: string): void;
  /** Number of pairs served. */
  size: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Framing headers from recordings would contradict the bytes we send; the adapter sets its own. */
const DROPPED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

function base64Bytes(b64: string): Uint8Array {
  const binary = atob(b64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function first(headers: HeaderMap, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function parseQuery(query: string): Record<string, string[]> {
  return query === '' ? {} : parseForm(query);
}

function headerLists(headers: HeaderMap): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value : [value];
  }
  return out;
}

/** The request as Hoverfly sees it (destination from the Host header, scheme from X-Forwarded-Proto). */
export function toHoverflyRequest(request: MockRequest, path: string): HoverflyActualRequest {
  return {
    method: request.method.toUpperCase(),
    scheme: first(request.headers, 'x-forwarded-proto') ?? 'http',
    destination: first(request.headers, 'host') ?? '',
    path: decodePath(path),
    query: parseQuery(request.query),
    headers: headerLists(request.headers),
    body: request.body ? decoder.decode(request.body) : '',
  };
}

/** A log-normal draw (Box–Muller) with Hoverfly's parameters: median and mean give σ; clamped to [min, max]. */
export function logNormalDelay(d: LogNormalDelay, random: () => number): number {
  const mu = Math.log(Math.max(d.median, 1));
  const sigma = d.mean > d.median ? Math.sqrt(2 * (Math.log(d.mean) - mu)) : 0;
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const ms = Math.exp(mu + sigma * z);
  return Math.round(Math.min(Math.max(ms, d.min), d.max > 0 ? d.max : ms));
}

/** State keys named `sequence:…` in `requiresState` start at "1" when Hoverfly loads a simulation. */
export function initialState(simulation: HoverflySimulation): Map<string, string> {
  const state = new Map<string, string>();
  for (const pair of simulation.pairs) {
    for (const key of Object.keys(pair.request.requiresState ?? {}))
      if (key.startsWith('sequence:')) state.set(key, '1');
  }
  return state;
}

function compilePair(
  pair: HoverflyPair,
  index: number,
  serveMode: 'webserver' | 'proxy',
): CompiledPair {
  const r = pair.response;
  const headers: Array<[string, string]> = [];
  const headerTemplates: Array<[string, CompiledTemplate]> = [];
  for (const [name, values] of Object.entries(r.headers)) {
    if (DROPPED_HEADERS.has(name.toLowerCase())) continue;
    for (const value of values) {
      if (r.templated && hasTemplate(value)) headerTemplates.push([name, compileTemplate(value)]);
      else headers.push([name, value]);
    }
  }
  const body =
    r.bodyBytesBase64 !== undefined ? base64Bytes(r.bodyBytesBase64) : encoder.encode(r.body);
  const out: CompiledPair = {
    index,
    pair,
    matcher: compileRequestMatcher(pair.request, { mode: serveMode }),
    status: r.status,
    headers,
    body,
    sniff: !Object.keys(r.headers).some((name) => name.toLowerCase() === 'content-type'),
  };
  if (out.sniff && body.length > 0 && !(r.templated && hasTemplate(r.body)))
    out.headers = [...headers, ['Content-Type', sniffContentType(body)]];
  if (r.templated && r.bodyBytesBase64 === undefined && hasTemplate(r.body))
    out.bodyTemplate = compileTemplate(r.body);
  if (headerTemplates.length > 0) out.headerTemplates = headerTemplates;
  return out;
}

/**
 * Compiles a simulation into stubs.
 *
 * @example
 * const stubs = compileHoverflyStubs(service.hoverfly, { random: seededRandom(1), now: () => new Date() });
 * stubs.handle(request, { session: '', mode: 'strongest', path: request.path });
 */
export function compileHoverflyStubs(
  simulation: HoverflySimulation,
  options: HoverflyStubOptions,
): HoverflyStubs {
  const serveMode = options.serveMode ?? 'webserver';
  const pairs = simulation.pairs.map((pair, index) => compilePair(pair, index, serveMode));
  const loaded = initialState(simulation);
  const byPath = new Map<string, CompiledPair[]>();
  const unindexed: CompiledPair[] = [];
  for (const p of pairs) {
    const key = p.matcher.exactPath;
    if (key === undefined) unindexed.push(p);
    else {
      const list = byPath.get(key);
      if (list) list.push(p);
      else byPath.set(key, [p]);
    }
  }
  const globalDelays = simulation.globalActions.delays.map((d) => ({
    ...d,
    re: goRegex(d.urlPattern),
  }));
  const globalLogNormal = simulation.globalActions.delaysLogNormal.map((d) => ({
    ...d,
    re: goRegex(d.urlPattern),
  }));
  const literals: Record<string, unknown> = {};
  for (const l of simulation.literals ?? []) literals[l.name] = l.value;
  const variables: TemplateContext['variables'] = {};
  for (const v of simulation.variables ?? [])
    variables[v.name] = { function: v.function, arguments: v.arguments ?? [] };
  const sessions = new Map<string, Map<string, string>>();

  /** Candidates in simulation order: the exact-path bucket merged with the unindexed pairs. */
  const candidates = (path: string): CompiledPair[] => {
    const bucket = byPath.get(path);
    if (!bucket) return unindexed;
    if (unindexed.length === 0) return bucket;
    const out: CompiledPair[] = [];
    let i = 0;
    let j = 0;
    while (i < bucket.length || j < unindexed.length) {
      const a = bucket[i];
      const b = unindexed[j];
      if (b === undefined || (a !== undefined && a.index < b.index)) {
        out.push(a!);
        i++;
      } else {
        out.push(b);
        j++;
      }
    }
    return out;
  };

  const delayFor = (pair: CompiledPair, actual: HoverflyActualRequest): number => {
    const r = pair.pair.response;
    if (r.fixedDelay !== undefined && r.fixedDelay > 0) return r.fixedDelay;
    if (r.logNormalDelay) return logNormalDelay(r.logNormalDelay, options.random);
    const url = `${actual.destination}${actual.path}`;
    const method = actual.method;
    for (const d of globalDelays) {
      if (d.re?.test(url) && (d.httpMethod === undefined || d.httpMethod.toUpperCase() === method))
        return d.delay;
    }
    for (const d of globalLogNormal) {
      if (d.re?.test(url) && (d.httpMethod === undefined || d.httpMethod.toUpperCase() === method))
        return logNormalDelay(d, options.random);
    }
    return 0;
  };

  const respond = (
    pair: CompiledPair,
    actual: HoverflyActualRequest,
    state: Map<string, string>,
  ): MockResponse => {
    let headers = pair.headers;
    let body = pair.body;
    const after: MockResponse['after'] = [];
    if (pair.bodyTemplate || pair.headerTemplates) {
      const context: TemplateContext = {
        request: {
          method: actual.method,
          scheme: actual.scheme,
          host: actual.destination,
          path: actual.path.split('/').filter((s) => s !== ''),
          query: actual.query,
          headers: actual.headers,
          form: formFields(actual),
          body: actual.body,
        },
        state: Object.fromEntries(state),
        literals,
        variables,
        random: options.random,
        now: options.now,
      };
      if (pair.bodyTemplate) {
        const out = pair.bodyTemplate.render(context);
        body = encoder.encode(out.text);
        for (const problem of out.problems)
          after.push({ kind: 'warning', code: 'mock.hoverfly.template', message: problem });
        if (pair.sniff && body.length > 0)
          headers = [...headers, ['Content-Type', sniffContentType(body)]];
      }
      if (pair.headerTemplates) {
        headers = [...headers];
        for (const [name, template] of pair.headerTemplates)
          headers.push([name, template.render(context).text]);
      }
    }
    const r = pair.pair.response;
    for (const [key, value] of Object.entries(r.transitionsState ?? {})) state.set(key, value);
    for (const key of r.removesState ?? []) state.delete(key);
    const response: MockResponse = { status: pair.status, headers, body };
    // A pair without a status: Hoverfly (Go) fails to write status 0 and closes the connection.
    if (pair.status === 0) response.fault = { kind: 'empty-reply' };
    const delay = delayFor(pair, actual);
    if (delay > 0) response.delayMs = delay;
    if (after.length > 0) response.after = after;
    return response;
  };

  const stateOf = (session: string): Map<string, string> => {
    let state = sessions.get(session);
    if (!state) {
      state = new Map(loaded);
      sessions.set(session, state);
    }
    return state;
  };

  return {
    size: pairs.length,
    handle(request, context) {
      const actual = toHoverflyRequest(request, context.path);
      const state = stateOf(context.session);
      let best: CompiledPair | undefined;
      let bestScore = -1;
      for (const pair of candidates(actual.path)) {
        const result = pair.matcher.match(actual, state);
        if (!result.matched) continue;
        if (context.mode === 'first') {
          best = pair;
          break;
        }
        // Hoverfly keeps the later pair on equal scores (`>=`).
        if (result.score >= bestScore) {
          best = pair;
          bestScore = result.score;
        }
      }
      return best ? respond(best, actual, state) : undefined;
    },
    explain(request, context, limit = 3) {
      const actual = toHoverflyRequest(request, context.path);
      const state = sessions.get(context.session) ?? loaded;
      const misses: Array<NearMiss & { order: number }> = [];
      for (const pair of pairs) {
        const result = pair.matcher.match(actual, state);
        if (result.matched) continue;
        misses.push({
          source: 'hoverfly',
          name: pairName(pair),
          score: result.score,
          reasons: result.missed.slice(0, 3).map((m) => m.reason),
          order: pair.index,
        });
      }
      misses.sort((a, b) => b.score - a.score || a.order - b.order);
      return misses.slice(0, limit).map(({ order: _order, ...miss }) => miss);
    },
    reset(session) {
      if (session === undefined) sessions.clear();
      else sessions.delete(session);
    },
  };
}

function pairName(pair: CompiledPair): string {
  const r = pair.pair.request;
  const show = (list: Array<{ value: unknown }> | undefined): string =>
    list
      ?.map((m) => (typeof m.value === 'string' ? m.value : JSON.stringify(m.value)))
      .join(' & ') ?? '*';
  return `pairs[${pair.index}] ${show(r.method)} ${show(r.destination) === '*' ? '' : show(r.destination)}${show(r.path)}`;
}
