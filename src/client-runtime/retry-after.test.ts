import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-after.js';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delta-seconds', () => {
    expect(retryAfterMs(' 2 ', now)).toEqual(2000);
  });

  it('reads an HTTP date relative to now, never below zero', () => {
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:03 GMT', now)).toEqual(3000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toEqual(0);
  });

  it('gives undefined for an absent or unreadable header', () => {
    expect([retryAfterMs(null, now), retryAfterMs('soon', now)]).toEqual([undefined, undefined]);
  });
});
