// The runtime every generated client ships with (written next to it as runtime.ts). It is plain
// TypeScript kept as text because the generator emits it; the corpus type test compiles it under
// strict settings and the runtime tests drive it against `gauntlet mock`. Keep it free of
// backticks and dollar-brace sequences: it lives inside String.raw.

/** Source of `runtime.ts`: openapi-fetch + cockatiel with timeouts, retries, breaker, auth, trace, validation. */
export const RUNTIME_SOURCE = String.raw`
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
} from 'cockatiel';
import createClient, { type Client, type Middleware } from 'openapi-fetch';

/** What went wrong with a call, beyond an HTTP error status (those come back as 'error'). */
export type ClientCallErrorKind = 'timeout' | 'circuit-open' | 'network' | 'invalid-response';

export interface ValidationIssue {
  /** JSON pointer into the response body. */
  path: string;
  message: string;
}

/**
 * Thrown by a generated client when a call cannot produce a usable response. Every generated
 * client has its own copy of this runtime, so instanceof recognises the errors of all of them.
 */
export class ClientCallError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      value instanceof Error &&
      value.name === 'ClientCallError' &&
      typeof (value as { kind?: unknown }).kind === 'string'
    );
  }
  readonly kind: ClientCallErrorKind;
  readonly issues: readonly ValidationIssue[];
  constructor(
    kind: ClientCallErrorKind,
    message: string,
    options: { cause?: unknown; issues?: readonly ValidationIssue[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClientCallError';
    this.kind = kind;
    this.issues = options.issues ?? [];
  }
}

/** An ajv standalone validator, compiled when the client was generated. */
export interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: ReadonlyArray<{ instancePath: string; message?: string }> | null;
}

/** 'METHOD /path/{template}' → status ('200', '2XX', 'default') → validator. */
export type ResponseValidators = Readonly<
  Record<string, Readonly<Record<string, StandaloneValidator>>>
>;

export interface RetryOptions {
  /** Total attempts, the first included (default 3). Only idempotent methods are ever retried. */
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
  /** Per-attempt timeout (default 5000 ms). */
  timeoutMs?: number;
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

export type ResilientClient<Paths extends {}> = Client<Paths> & {
  /** The circuit breaker's state ('closed' when the breaker is disabled). */
  readonly breaker: { readonly state: BreakerState };
};

const IDEMPOTENT = ['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE'];
const RETRY_STATUSES = [408, 429, 502, 503, 504];
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

function hex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  let out = '';
  for (const byte of buffer) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** A child of 'parent' (same trace, new span), or a new sampled trace. */
export function nextTraceparent(parent: string | undefined): string {
  const match = parent === undefined ? null : TRACEPARENT.exec(parent.trim().toLowerCase());
  if (match !== null && match[2] !== '0'.repeat(32)) {
    return '00-' + match[2] + '-' + hex(8) + '-' + match[4];
  }
  return '00-' + hex(16) + '-' + hex(8) + '-01';
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date); undefined when absent or bad. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function stateName(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Open:
      return 'open';
    case CircuitState.HalfOpen:
      return 'half-open';
    case CircuitState.Isolated:
      return 'isolated';
    default:
      return 'closed';
  }
}

type Attempt = { response: Response } | { error: ClientCallError };

function resilientFetch(
  options: ResilientClientOptions,
  breaker: CircuitBreakerPolicy | undefined,
): (request: Request) => Promise<Response> {
  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const timeoutMs = options.timeoutMs ?? 5000;
  const retry = options.retry === false ? undefined : (options.retry ?? {});
  const attempts = retry === undefined ? 1 : Math.max(1, retry.attempts ?? 3);
  const baseDelay = retry?.baseDelayMs ?? 100;
  const maxDelay = retry?.maxDelayMs ?? 2000;
  const maxRetryAfter = retry?.maxRetryAfterMs ?? 5000;
  const statuses = new Set(retry?.statuses ?? RETRY_STATUSES);
  const methods = new Set((retry?.methods ?? IDEMPOTENT).map((m) => m.toUpperCase()));
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  const once = async (request: Request): Promise<Attempt> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([request.signal, timeout]);
    const run = (): Promise<Response> => baseFetch(new Request(request, { signal }));
    try {
      return { response: breaker === undefined ? await run() : await breaker.execute(run) };
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new ClientCallError(
          'circuit-open',
          'Failed to call ' + request.method + ' ' + request.url + ': because the circuit breaker is open after repeated failures. Retry later.',
          { cause: error },
        );
      }
      // The caller gave up: not ours to retry or to explain.
      if (request.signal.aborted) throw error;
      if (timeout.aborted) {
        return {
          error: new ClientCallError(
            'timeout',
            'Failed to call ' + request.method + ' ' + request.url + ': because no answer came within ' + timeoutMs + ' ms. Raise timeoutMs or check the service.',
            { cause: error },
          ),
        };
      }
      return {
        error: new ClientCallError(
          'network',
          'Failed to call ' + request.method + ' ' + request.url + ': because ' + (error instanceof Error ? error.message : String(error)) + '. Check that the service is reachable.',
          { cause: error },
        ),
      };
    }
  };

  return async (request) => {
    const limit = methods.has(request.method.toUpperCase()) ? attempts : 1;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= limit;
      const outcome = await once(last ? request : request.clone());
      let wait: number;
      if ('error' in outcome) {
        if (last) throw outcome.error;
        wait = random() * Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
      } else {
        const { response } = outcome;
        if (last || !statuses.has(response.status)) return response;
        const asked = retryAfterMs(response.headers.get('retry-after'), Date.now());
        if (asked !== undefined && asked > maxRetryAfter) return response;
        wait = asked ?? random() * Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
        // Release the connection before waiting.
        await response.body?.cancel();
      }
      await sleep(wait, request.signal);
    }
  };
}

function headersMiddleware(options: ResilientClientOptions): Middleware {
  return {
    async onRequest({ request }) {
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      const auth = options.auth === undefined ? undefined : await options.auth();
      if (auth?.user !== undefined) request.headers.set('X-User', auth.user);
      if (auth?.bearer !== undefined) request.headers.set('Authorization', 'Bearer ' + auth.bearer);
      for (const [name, value] of Object.entries(auth?.headers ?? {})) {
        request.headers.set(name, value);
      }
      const trace = options.traceparent;
      if (trace !== false && !request.headers.has('traceparent')) {
        request.headers.set('traceparent', nextTraceparent(trace?.()));
      }
      return request;
    },
  };
}

function pickValidator(
  byStatus: Readonly<Record<string, StandaloneValidator>> | undefined,
  status: number,
): StandaloneValidator | undefined {
  if (byStatus === undefined) return undefined;
  return byStatus[String(status)] ?? byStatus[String(status)[0] + 'XX'] ?? byStatus.default;
}

function validationMiddleware(
  options: ResilientClientOptions,
  validators: ResponseValidators,
): Middleware {
  const mode = options.validateResponses ?? 'off';
  const report =
    options.onValidationError ?? ((error: ClientCallError) => console.warn(error.message));
  return {
    async onResponse({ request, response, schemaPath }) {
      if (mode === 'off') return undefined;
      const validate = pickValidator(
        validators[request.method.toUpperCase() + ' ' + schemaPath],
        response.status,
      );
      const type = response.headers.get('content-type') ?? '';
      if (validate === undefined || !/[/+]json\b/i.test(type)) return undefined;
      const text = await response.clone().text();
      if (text === '') return undefined;
      let issues: ValidationIssue[];
      try {
        const body: unknown = JSON.parse(text);
        issues = validate(body)
          ? []
          : (validate.errors ?? []).map((e) => ({
              path: e.instancePath,
              message: e.message ?? 'is invalid',
            }));
      } catch {
        issues = [{ path: '', message: 'is not valid JSON' }];
      }
      if (issues.length === 0) return undefined;
      const error = new ClientCallError(
        'invalid-response',
        'Failed to accept the answer of ' + request.method + ' ' + schemaPath + ' (' + response.status + '): because it does not match the contract: ' + issues.map((i) => (i.path || '(body)') + ' ' + i.message).join('; ') + '. Check the service against its contract.',
        { issues },
      );
      if (mode === 'throw') throw error;
      report(error);
      return undefined;
    },
  };
}

/**
 * An openapi-fetch client with production defaults: per-attempt timeout, bounded retries of
 * idempotent methods (exponential backoff, full jitter, Retry-After), a circuit breaker, auth
 * headers, W3C traceparent and optional response validation.
 */
export function createResilientClient<Paths extends {}>(
  options: ResilientClientOptions & { baseUrl: string },
  validators: ResponseValidators,
): ResilientClient<Paths> {
  const breakerOptions = options.breaker === false ? undefined : (options.breaker ?? {});
  const breaker =
    breakerOptions === undefined
      ? undefined
      : circuitBreaker(
          handleAll.orWhenResult((result) => result instanceof Response && result.status >= 500),
          {
            halfOpenAfter: breakerOptions.halfOpenAfterMs ?? 10_000,
            breaker: new ConsecutiveBreaker(breakerOptions.failures ?? 5),
          },
        );
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: resilientFetch(options, breaker),
  });
  client.use(headersMiddleware(options), validationMiddleware(options, validators));
  const state = {
    get state(): BreakerState {
      return breaker === undefined ? 'closed' : stateName(breaker.state);
    },
  };
  return Object.assign(client, { breaker: state });
}
`.trimStart();
