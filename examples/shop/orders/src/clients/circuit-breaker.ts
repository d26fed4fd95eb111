/**
 * A small circuit breaker: after `failureThreshold` consecutive failures the circuit opens and
 * calls fail fast; after `resetAfterMs` one trial call is let through (half-open) and its outcome
 * closes or re-opens the circuit.
 */

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failureThreshold?: number;
  resetAfterMs?: number;
  /** The clock, injectable for tests. */
  now?: () => number;
}

export interface CircuitBreaker {
  readonly state: CircuitState;
  /** True when a call may go ahead; in half-open state only the first caller gets true. */
  tryAcquire(): boolean;
  success(): void;
  failure(): void;
}

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = options.failureThreshold ?? 5;
  const resetAfterMs = options.resetAfterMs ?? 5_000;
  const now = options.now ?? Date.now;
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialInFlight = false;

  return {
    get state() {
      if (state === 'open' && now() - openedAt >= resetAfterMs) return 'half-open';
      return state;
    },
    tryAcquire() {
      if (state === 'closed') return true;
      if (state === 'open') {
        if (now() - openedAt < resetAfterMs) return false;
        state = 'half-open';
        trialInFlight = false;
      }
      if (trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    success() {
      state = 'closed';
      failures = 0;
      trialInFlight = false;
    },
    failure() {
      failures += 1;
      trialInFlight = false;
      if (state === 'half-open' || failures >= threshold) {
        state = 'open';
        openedAt = now();
      }
    },
  };
}
