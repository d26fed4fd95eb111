import type { Diagnostic } from '../../model/index.js';
import type { NearMiss } from '../pact/near-miss.js';
import type { ScenarioSummary } from '../scenarios/types.js';

export { SESSION_HEADER } from '../session.js';
export type { ScenarioSummary };

/**
 * The admin API's data, one definition shared by the host (src/mock/host), its OpenAPI document
 * (admin-openapi.ts) and the typed client (src/admin-client). Plain JSON, no classes.
 */

/** Where the admin API lives on the mock's port. */
export const ADMIN_PREFIX = '/__gauntlet';

/**
 * A request pattern, used by runtime stubs, `journal/count` and journal filters. Every field
 * given must match; an empty pattern matches every request.
 */
export interface RequestPattern {
  /** Case-insensitive method, e.g. `GET`. */
  method?: string;
  /**
   * The path (percent-encoded, without the query). Exact, or a glob: `*` matches within one
   * segment, `**` across segments (`/orders/*`, `/payments/**`). No regexes: the admin API may
   * be exposed, and a pattern must not be able to stall the server.
   */
  path?: string;
  /** Query parameters that must be present with exactly this value (first occurrence). */
  query?: Record<string, string>;
  /** Headers (names case-insensitive) that must be present with exactly this value. */
  headers?: Record<string, string>;
  /** The `X-Gauntlet-Session` the request carried. */
  session?: string;
}

/** What answered a request. */
export interface MatchRef {
  /** operation (OpenAPI/RAML), interaction (pact), pair (Hoverfly), scenario stub, runtime stub. */
  source: 'operation' | 'interaction' | 'pair' | 'contract' | 'scenario' | 'stub';
  /** The service it belongs to, when it belongs to one. */
  service?: string;
  /** Operation id, stub id, or scenario name; absent when the engine did not say. */
  id?: string;
}

/** A candidate that came close to an unmatched request, and the first reasons it did not match. */
export interface HostNearMiss extends Omit<NearMiss, 'source'> {
  source: NearMiss['source'] | 'operation' | 'scenario' | 'stub';
}

export interface JournalEntry {
  /** Increases by one per journaled request, from 1; survives the ring dropping old entries. */
  seq: number;
  /** ISO 8601 time the request arrived. */
  time: string;
  method: string;
  path: string;
  /** The raw query string without `?`. */
  query: string;
  /** Request headers; Authorization, Cookie and other sensitive ones read `[redacted]`. */
  headers: Record<string, string | string[]>;
  bodySize: number;
  session?: string;
  /** What answered; absent for a miss. */
  matched?: MatchRef;
  /** Closest candidates of a miss (404/405 from the mock itself), best first. */
  nearMisses?: HostNearMiss[];
  status: number;
  /** Time spent producing the answer (not counting a configured delay), milliseconds. */
  durationMs: number;
  /** A configured delay the adapter waits before writing the answer, milliseconds. */
  delayMs?: number;
}

export interface JournalFilter extends RequestPattern {
  /** `true`: only answered requests; `false`: only misses. */
  matched?: boolean;
  /** Newest first; at most this many entries (default: all kept). */
  limit?: number;
  /** Only entries with a `seq` above this one: what arrived since an earlier read. */
  since?: number;
}

export interface JournalPage {
  /** Newest first. */
  entries: JournalEntry[];
  /** Entries currently kept that match the filter (before `limit`). */
  total: number;
  /** Capacity of the ring buffer. */
  capacity: number;
  /** Requests journaled since start (or the last clear), including those the ring dropped. */
  recorded: number;
}

/** A response given by a runtime stub. */
export interface StubResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; any other JSON value is serialised (with application/json). */
  body?: unknown;
  /** Wait this long before answering, milliseconds. */
  delayMs?: number;
}

/** What POST /__gauntlet/stubs takes. */
export interface StubInput {
  /** Chosen by the caller (replaces a stub with the same id) or assigned (`stub-1`, ...). */
  id?: string;
  request: RequestPattern;
  response: StubResponse;
  /** Lower is tried first among runtime stubs, as in scenarios (default 0); ties: the newest. */
  priority?: number;
}

export interface RuntimeStub extends StubInput {
  id: string;
  priority: number;
  /** How many requests it answered. */
  hits: number;
}

export interface ServiceSummary {
  name: string;
  title: string;
  format: string;
  file: string;
  /** Path prefix it is mounted under on its port ('' = root). */
  basePath: string;
  /** Index of the port it is served on (0 unless each service has its own port). */
  port: number;
  operations: number;
  interactions: number;
  pairs: number;
  messages: number;
}

export interface RouteSummary {
  source: 'operation' | 'interaction' | 'pair' | 'message';
  /** Operation id, interaction description, `pairs[i]`, or message description. */
  id: string;
  /** Absent for messages (not HTTP routes) and pairs without an exact method. */
  method?: string;
  /** The path template (operations), the pact path, a pair's path matcher value. */
  path?: string;
}

export interface ServiceRoutes {
  service: string;
  basePath: string;
  routes: RouteSummary[];
}

export interface RoutesPage {
  services: ServiceRoutes[];
  stubs: RuntimeStub[];
}

export interface ResetOptions {
  /** Only this session's scenario/simulation state (default: every session). */
  session?: string;
  /** Reset scenario and simulation state (default true). */
  state?: boolean;
  /** Clear the journal (default true; with `session`, only that session's entries). */
  journal?: boolean;
  /** Remove every runtime stub (default false). */
  stubs?: boolean;
}

export interface ResetResult {
  state: boolean;
  journalCleared: number;
  stubsRemoved: number;
}

export interface Health {
  status: 'ok';
  services: number;
  journal: { size: number; capacity: number; recorded: number };
  stubs: number;
  /** Times the contracts were reloaded (`--watch`). */
  reloads: number;
}

export interface ScenarioStateInput {
  state: string;
  /** Default: the session of requests without `X-Gauntlet-Session`. */
  session?: string;
}

/** The body of an admin (or near-miss) problem answer: problem+json with our diagnostics. */
export interface AdminProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  diagnostics: Diagnostic[];
  nearMisses?: HostNearMiss[];
}
