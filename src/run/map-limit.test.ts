import { describe, expect, it } from 'vitest';
import { mapLimit } from './map-limit.js';

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const result = await mapLimit([30, 10, 20, 5], 2, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return `${i}:${ms}`;
    });
    expect(result).toEqual(['0:30', '1:10', '2:20', '3:5']);
    expect(peak).toBe(2);
  });

  it('gives [] for no items', async () => {
    expect(await mapLimit([], 3, async (x) => x)).toEqual([]);
  });
});
