import type { ClientCallError } from './client-call-error.js';

/**
 * A response validator: `false` with `errors` when the value breaks the schema. Generated clients
 * get theirs from `embeddedValidators` (compiled on first use); an ajv standalone function fits too.
 */
export interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: ReadonlyArray<{ instancePath: string; message?: string }> | null;
}

/** 'METHOD /path/{template}' → status ('200', '2XX', 'default') → validator. */
export type ResponseValidators = Readonly<
  Record<string, Readonly<Record<string, StandaloneValidator>>>
>;

export interface RetryOptions {
  /**
   * Total attempts, the first included (default 3); `Infinity` retries until an answer is usable.
   * Only idempotent methods are ever retried.
   */
  attempts?: number;
  /** First backoff step; each retry doubles it, with full jitter (default 100 ms). */
  baseDelayMs?: number;
  /** Cap of one backoff (default 2000 ms). */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the answer is returned (default 5000 ms). */
  maxRetryAfterMs?: number;
  /** Statuses worth another attempt (default 408, 429, 502, 503, 504). */
  statuses?: readonly number[];
  /** Methods that may be retried (default the idempotent ones: GET HEAD OPTIONS TRACE PUT DELETE). */
  methods?: readonly string[];
}

export interface BreakerOptions {
  /** Consecutive failures (network errors, timeouts, 5xx) that open the circuit (default 5). */
  failures?: number;
  /** How long the circuit stays open before one trial call is let through (default 10000 ms). */
  halfOpenAfterMs?: number;
}

/** Credentials added to every request. */
export interface AuthHeaders {
  /** Sent as 'X-User' (the example system's gateway identity). */
  user?: string;
  /** Sent as 'Authorization: Bearer <token>'. */
  bearer?: string;
  headers?: Readonly<Record<string, string>>;
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface ResilientClientOptions {
  /** Where the service is (default: the contract's first absolute server URL, when it has one). */
  baseUrl?: string;
  /**
   * Per-attempt timeout (default 5000 ms), or 'false' for none: a call then waits as long as the
   * service takes (only for experiments that show why a timeout is needed).
   */
  timeoutMs?: number | false;
  /** Retry policy for idempotent methods, or 'false' for none. */
  retry?: RetryOptions | false;
  /** Circuit breaker shared by every call of this client, or 'false' for none. */
  breaker?: BreakerOptions | false;
  /** Called before each request; what it returns is added as headers. */
  auth?: () => AuthHeaders | undefined | Promise<AuthHeaders | undefined>;
  /**
   * W3C trace context. A function returns the caller's current 'traceparent' (e.g. the incoming
   * request's); the client sends a child of it, or a new trace when it returns nothing. 'false'
   * sends none. Default: a new trace per call. A 'traceparent' set on the call itself is kept.
   */
  traceparent?: (() => string | undefined) | false;
  /**
   * Check JSON responses against the contract: 'off' (default: a contract drift must not break
   * production traffic), 'warn' (calls onValidationError) or 'throw' (the call rejects).
   */
  validateResponses?: 'off' | 'warn' | 'throw';
  onValidationError?: (error: ClientCallError) => void;
  /** Headers sent with every request (a call's own headers win). */
  headers?: Readonly<Record<string, string>>;
  /** The fetch underneath (default globalThis.fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** How to wait between retries (injectable for tests). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Random source for jitter and trace ids' fallback (default Math.random). */
  random?: () => number;
}
