/**
 * A token bucket per key (per user): `burst` tokens, refilled at `perSecond`. A request takes one
 * token; an empty bucket answers how long until the next token.
 */

export interface RateLimitOptions {
  burst: number;
  perSecond: number;
  /** The clock in ms, injectable for tests. */
  now?: () => number;
}

export type Take = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): Take;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: t };
      const elapsed = Math.max(0, t - bucket.at) / 1000;
      bucket.tokens = Math.min(options.burst, bucket.tokens + elapsed * options.perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true, remaining: Math.floor(bucket.tokens) };
      }
      const wait = (1 - bucket.tokens) / options.perSecond;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    },
  };
}
