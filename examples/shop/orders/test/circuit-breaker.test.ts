import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../src/clients/circuit-breaker.js';

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures and fails fast', () => {
    let now = 0;
    const breaker = createCircuitBreaker({
      failureThreshold: 3,
      resetAfterMs: 1000,
      now: () => now,
    });
    for (let i = 0; i < 2; i++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.failure();
    }
    expect(breaker.state).toBe('closed');
    breaker.tryAcquire();
    breaker.failure();
    expect(breaker.state).toBe('open');
    now = 999;
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('a success resets the failure count', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2 });
    breaker.failure();
    breaker.success();
    breaker.failure();
    expect(breaker.state).toBe('closed');
  });

  it('half-open lets one trial through; its success closes, its failure re-opens', () => {
    let now = 0;
    const breaker = createCircuitBreaker({
      failureThreshold: 1,
      resetAfterMs: 100,
      now: () => now,
    });
    breaker.failure();
    now = 100;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.failure();
    expect(breaker.state).toBe('open');
    now = 200;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(true);
  });
});
