import type { FaultSpec } from './faults/types.js';

import type { NearMiss } from './pact/near-miss.js';

/**
 * The mock engine's hot-path records. Plain data, no Web Request/Response objects: the node
 * adapter fills a MockRequest from IncomingMessage and writes a MockResponse's pre-built bytes
 * straight to the socket; the MSW bridge converts at its edge.
 */

/** Lower-case header names; repeated headers joined as node does (`, `) or kept as arrays. */
export type HeaderMap = Record<string, string | string[] | undefined>;

export interface MockRequest {
  /** Upper-case method. */
  method: string;
  /** The path without the query string, still percent-encoded, e.g. `/pets/42`. */
  path: string;
  /** The raw query string without `?` ('' when none). Parsed lazily by the engine. */
  query: string;
  headers: HeaderMap;
  /** The raw body bytes (absent for no body). */
  body?: Uint8Array;
}

export interface MockResponse {
  status: number;
  /** Header name/value pairs in order (names as they should be sent). */
  headers: Array<[string, string]>;
  /** Body bytes; static bodies are pre-encoded once at compile time and shared. */
  body?: Uint8Array;
  /** Things to do after the response is sent (fire callbacks, log a warning once). */
  after?: AfterResponse[];
  /** Wait this many milliseconds before writing the response (already resolved, e.g. a log-normal draw). */
  delayMs?: number;
  /** Misbehave instead of (or while) writing the response: see src/mock/faults/types.ts. */
  fault?: FaultSpec;
}

export type AfterResponse =
  | {
      kind: 'callback';
      name: string;
      method: string;
      url: string;
      headers: Array<[string, string]>;
      body?: Uint8Array;
    }
  | { kind: 'warning'; code: string; message: string };

/** The compiled, socket-free engine. `handle` is synchronous on the hot path. */
export interface MockEngine {
  handle(request: MockRequest): MockResponse;
  /** Forgets stub state (Hoverfly `requiresState`…) of one session (`X-Gauntlet-Session`), or of all. */
  reset?(session?: string): void;
  /**
   * The pact interactions / Hoverfly pairs that came closest to a request nothing matched, and
   * why each missed (highest score first). Asking counts nothing and moves no state.
   */
  explain?(request: MockRequest, limit?: number): NearMiss[];
  /**
   * Does compile work put off at startup (validators, default answers) while `keepGoing()` is
   * true; returns true while some is left. Optional: everything is also built on first use.
   */
  warmUp?(keepGoing: () => boolean): boolean;
}
