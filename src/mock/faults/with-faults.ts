import { seededRandom } from '../../util/random.js';
import type { MockEngine, MockRequest, MockResponse } from '../types.js';
import { resolveDelay } from './delay.js';
import type { DelaySpec, FaultSpec } from './types.js';

export interface GlobalFaultOptions {
  /** Latency added to every response that has no delay of its own. */
  delay?: DelaySpec;
  /** A share of responses (`rate` in [0, 1]) gets one of `kinds`, picked uniformly. */
  faults?: { rate: number; kinds: FaultSpec[] };
  /** Seed of the draws (delays, which responses fail, which fault); default 1. */
  seed?: number;
}

/**
 * Wraps any engine so its responses carry global latency and faults. A response that already
 * has a delay or a fault (a scenario stub's own) keeps it. Draws come from one seeded sequence,
 * so the same requests in the same order fail the same way in every run.
 *
 * @example
 * const engine = withFaults(compile(services), { delay: { kind: 'log-normal', median: 50, sigma: 0.5 },
 *   faults: { rate: 0.1, kinds: [{ kind: 'connection-reset' }] }, seed: 7 });
 */
export function withFaults<E extends MockEngine>(
  engine: E,
  options: GlobalFaultOptions,
): MockEngine {
  const random = seededRandom(options.seed ?? 1);
  const delay = options.delay;
  const faults = options.faults;
  const rate =
    faults === undefined || faults.kinds.length === 0 ? 0 : Math.min(1, Math.max(0, faults.rate));
  if (delay === undefined && rate === 0) return engine;
  return {
    handle(request: MockRequest): MockResponse {
      const response = engine.handle(request);
      let out = response;
      if (delay !== undefined && response.delayMs === undefined) {
        out = { ...out, delayMs: resolveDelay(delay, random) };
      }
      if (rate > 0 && response.fault === undefined && random() < rate) {
        const kinds = faults!.kinds;
        out = { ...out, fault: kinds[Math.floor(random() * kinds.length)]! };
      }
      return out;
    },
  };
}
