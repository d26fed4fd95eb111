import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/rate-limiter.js';

describe('token bucket rate limiter', () => {
  it('allows a burst, then answers how long to wait', () => {
    const now = 0;
    const limiter = createRateLimiter({ burst: 2, perSecond: 0.5, now: () => now });
    expect(limiter.take('alice')).toEqual({ ok: true, remaining: 1 });
    expect(limiter.take('alice')).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterSeconds: 2 });
  });

  it('refills over time, capped at the burst', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 2, perSecond: 1, now: () => now });
    limiter.take('alice');
    limiter.take('alice');
    now = 1000;
    expect(limiter.take('alice')).toEqual({ ok: true, remaining: 0 });
    now = 60_000;
    expect(limiter.take('alice')).toEqual({ ok: true, remaining: 1 });
  });

  it('keeps one bucket per user', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 1, now: () => 0 });
    expect(limiter.take('alice').ok).toBe(true);
    expect(limiter.take('alice').ok).toBe(false);
    expect(limiter.take('bob').ok).toBe(true);
  });
});
