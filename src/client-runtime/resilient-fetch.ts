import { BrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { ClientCallError } from './client-call-error.js';
import type { ResilientClientOptions } from './options.js';
import { retryAfterMs } from './retry-after.js';

const IDEMPOTENT = ['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE'];
const RETRY_STATUSES = [408, 429, 502, 503, 504];

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

type Attempt = { response: Response } | { error: ClientCallError };

/**
 * The fetch a resilient client hands to openapi-fetch: each attempt gets its own timeout and goes
 * through the breaker; idempotent methods are retried on errors and retryable statuses.
 */
export function resilientFetch(
  options: ResilientClientOptions,
  breaker: CircuitBreakerPolicy | undefined,
): (request: Request) => Promise<Response> {
  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const timeoutMs = options.timeoutMs ?? 5000;
  const never = new AbortController().signal;
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
    const timeout = timeoutMs === false ? never : AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([request.signal, timeout]);
    const run = (): Promise<Response> => baseFetch(new Request(request, { signal }));
    const call = `${request.method} ${request.url}`;
    try {
      return { response: breaker === undefined ? await run() : await breaker.execute(run) };
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new ClientCallError(
          'circuit-open',
          `Failed to call ${call}: because the circuit breaker is open after repeated failures. Retry later.`,
          { cause: error },
        );
      }
      // The caller gave up: not ours to retry or to explain.
      if (request.signal.aborted) throw error;
      if (timeout.aborted) {
        return {
          error: new ClientCallError(
            'timeout',
            `Failed to call ${call}: because no answer came within ${timeoutMs} ms. Raise timeoutMs or check the service.`,
            { cause: error },
          ),
        };
      }
      const reason = error instanceof Error ? error.message : String(error);
      return {
        error: new ClientCallError(
          'network',
          `Failed to call ${call}: because ${reason}. Check that the service is reachable.`,
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
