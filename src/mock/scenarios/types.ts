import type { Diagnostic } from '../../model/index.js';
import type { DelaySpec, FaultSpec } from '../faults/types.js';
import type { MockRequest, MockResponse } from '../types.js';

/**
 * A condition on one value (query parameter, header): a string is `equals`; otherwise exactly
 * one of `equals`, `matches` (a regular expression, anchored by you), `contains`, or
 * `absent: true`.
 */
export type ValueCondition =
  | string
  | { equals: string }
  | { matches: string }
  | { contains: string }
  | { absent: true };

/** A condition on the request body. `partialJson`: the body is JSON holding at least these fields (arrays: same length, item by item). */
export type BodyCondition =
  | { equalToJson: unknown }
  | { partialJson: unknown }
  | { contains: string }
  | { matches: string };

/** Which requests a stub answers. Every given part must hold. */
export interface ScenarioRequestPattern {
  /** HTTP method; absent = any. */
  method?: string;
  /** Literal path (`/stock/abc`) or template (`/stock/{sku}`, parameters go to `request.path.sku`). */
  path?: string;
  /** A regular expression the whole path must match (instead of `path`); named groups become parameters. */
  pathPattern?: string;
  query?: Record<string, ValueCondition>;
  /** Header names are case-insensitive. */
  headers?: Record<string, ValueCondition>;
  body?: BodyCondition;
}

/** What a stub answers. */
export interface ResponseDefinition {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as it is; anything else as JSON (and `Content-Type: application/json` unless set). */
  body?: unknown;
  /** A file next to the scenario file whose bytes are the body (read at load time). */
  bodyFile?: string;
  /** Render the body and header values as templates (see src/mock/templating). */
  template?: boolean;
  delay?: DelaySpec;
  fault?: FaultSpec;
}

/**
 * One stub. With `state` it answers only while its scenario is in that state (or one of those
 * states); with `nextState` it moves the scenario on after answering. `responses` is a
 * sequence: the first matching call gets the first, the next call the second, and after the
 * last `afterLast` decides: `repeat` the last (default) or `cycle` from the first.
 */
export interface StubDefinition {
  /** Names the stub in listings and seeds its random values; default `<scenario>#<index>`. */
  id?: string;
  request: ScenarioRequestPattern;
  state?: string | string[];
  nextState?: string;
  response?: ResponseDefinition;
  responses?: ResponseDefinition[];
  afterLast?: 'repeat' | 'cycle';
  /** Lower is tried first; default 0; equal priorities keep file order. */
  priority?: number;
}

/** A named state machine of stubs (WireMock's scenario). */
export interface ScenarioDefinition {
  name: string;
  /** The service it overlays; with `mounts`, stub paths are served under that service's prefix. */
  service?: string;
  /** Default `Started`. */
  initialState?: string;
  /** The states, when you want typos in `state`/`nextState` caught; default: every state named. */
  states?: string[];
  stubs: StubDefinition[];
}

export interface ScenarioSummary {
  name: string;
  states: string[];
  initialState: string;
  /** Session → current state, for every session that has touched this scenario. */
  sessions: Record<string, string>;
  stubs: number;
}

export interface CompileScenariosOptions {
  /** Seed of random template values and log-normal delays (mixed with session and stub id). Default 1. */
  seed?: number;
  /** The clock of `{{now}}` (default: the system clock). */
  now?: () => Date;
  /** Service name → path prefix its stubs are served under (as in the mock's `mounts`). */
  mounts?: Record<string, string>;
  /** Most sessions kept; the least recently used is forgotten beyond it. Default 10,000. */
  maxSessions?: number;
  /** Bodies of `bodyFile` responses, by the name used in the definition (filled by loadScenarioFile). */
  files?: ReadonlyMap<string, Uint8Array>;
}

export interface ScenarioEngine {
  /** The response of the first stub that matches in the session's states, or undefined (fall through). */
  handle(request: MockRequest, session: string): MockResponse | undefined;
  /** Forgets one session's states and sequence positions, or every session's. */
  reset(session?: string): void;
  list(): ScenarioSummary[];
  /** Moves a scenario to a state for a session (default session when omitted). Throws GAUNTLET_E_MOCK_SCENARIO_STATE for unknown names. */
  setState(name: string, state: string, session?: string): void;
  /** Problems found compiling (bad regexes, unknown template helpers); stubs with errors are left out. */
  diagnostics: Diagnostic[];
}
