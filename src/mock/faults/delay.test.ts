import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/random.js';
import { resolveDelay } from './delay.js';

describe('resolveDelay', () => {
  it('returns fixed delays as given, rounded, never negative', () => {
    const random = seededRandom(1);
    expect(resolveDelay(25, random)).toBe(25);
    expect(resolveDelay({ kind: 'fixed', ms: 12.6 }, random)).toBe(13);
    expect(resolveDelay(-5, random)).toBe(0);
  });

  it('draws log-normal delays around the median, repeatably for a seed', () => {
    const spec = { kind: 'log-normal', median: 100, sigma: 0.5 } as const;
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 2001 }, () => resolveDelay(spec, random));
    };
    const a = draw(42);
    expect(draw(42)).toEqual(a);
    expect(draw(43)).not.toEqual(a);
    const sorted = [...a].sort((x, y) => x - y);
    const median = sorted[1000]!;
    // The sample median of 2001 draws sits within a few percent of the true one.
    expect(median).toBeGreaterThanOrEqual(92);
    expect(median).toBeLessThanOrEqual(108);
    // A long right tail: the 99th percentile is far above the median (e^(2.33·0.5) ≈ 3.2×).
    expect(sorted[1980]!).toBeGreaterThan(250);
  });

  it('clamps log-normal draws to min and max', () => {
    const random = seededRandom(3);
    const spec = { kind: 'log-normal', median: 100, sigma: 2, min: 50, max: 150 } as const;
    const draws = Array.from({ length: 500 }, () => resolveDelay(spec, random));
    expect(Math.min(...draws)).toBe(50);
    expect(Math.max(...draws)).toBe(150);
  });
});
