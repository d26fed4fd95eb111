import type { DelaySpec } from './types.js';

/**
 * Turns a delay spec into milliseconds (an integer ≥ 0). `random` gives uniform numbers in
 * [0, 1); pass a seeded one (`seededRandom(seed)`) for repeatable draws.
 *
 * @example
 * resolveDelay({ kind: 'log-normal', median: 80, sigma: 0.5 }, seededRandom(1)); // e.g. 71
 */
export function resolveDelay(spec: DelaySpec, random: () => number): number {
  if (typeof spec === 'number') return clampMs(spec);
  if (spec.kind === 'fixed') return clampMs(spec.ms);
  // Box–Muller: a standard normal draw from two uniforms; 1 - u keeps log() away from 0.
  const u1 = 1 - random();
  const u2 = random();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  let ms = spec.median * Math.exp(spec.sigma * z);
  if (spec.min !== undefined && ms < spec.min) ms = spec.min;
  if (spec.max !== undefined && ms > spec.max) ms = spec.max;
  return clampMs(ms);
}

function clampMs(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : 0;
}
