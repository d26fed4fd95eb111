import { describe, expect, it } from 'vitest';
import type { MockEngine, MockRequest } from '../types.js';
import { withFaults } from './with-faults.js';

const request: MockRequest = { method: 'GET', path: '/x', query: '', headers: {} };
const base: MockEngine = { handle: () => ({ status: 200, headers: [] }) };

describe('withFaults', () => {
  it('returns the engine itself when there is nothing to add', () => {
    expect(withFaults(base, {})).toBe(base);
    expect(withFaults(base, { faults: { rate: 0.5, kinds: [] } })).toBe(base);
  });

  it('adds the global delay to every response', () => {
    const engine = withFaults(base, { delay: 40 });
    expect(engine.handle(request)).toEqual({ status: 200, headers: [], delayMs: 40 });
  });

  it('keeps a delay or fault the response already has', () => {
    const own: MockEngine = {
      handle: () => ({ status: 200, headers: [], delayMs: 5, fault: { kind: 'empty-reply' } }),
    };
    const engine = withFaults(own, {
      delay: 40,
      faults: { rate: 1, kinds: [{ kind: 'connection-reset' }] },
    });
    expect(engine.handle(request)).toEqual({
      status: 200,
      headers: [],
      delayMs: 5,
      fault: { kind: 'empty-reply' },
    });
  });

  it('fails about `rate` of the responses, with the same ones for the same seed', () => {
    const kinds = [{ kind: 'connection-reset' as const }, { kind: 'empty-reply' as const }];
    const run = (seed: number) => {
      const engine = withFaults(base, { faults: { rate: 0.2, kinds }, seed });
      return Array.from({ length: 1000 }, () => engine.handle(request).fault?.kind ?? 'ok');
    };
    const a = run(9);
    expect(run(9)).toEqual(a);
    const failed = a.filter((k) => k !== 'ok');
    expect(failed.length).toBeGreaterThan(160);
    expect(failed.length).toBeLessThan(240);
    // Both kinds get picked.
    expect(new Set(failed)).toEqual(new Set(['connection-reset', 'empty-reply']));
  });
});
