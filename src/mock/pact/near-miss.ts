import type { Diagnostic } from '../../model/index.js';

/** One stub that came close to a request, and why it did not match (WireMock's near miss). */
export interface NearMiss {
  source: 'pact' | 'hoverfly';
  /** The service the stub belongs to (filled by the engine). */
  service?: string;
  /** `GET /pets/1 "a request for pet 1"` or `pairs[3] GET /pets/*`. */
  name: string;
  /** Higher is closer: fields that matched (pact) or Hoverfly's match score. */
  score: number;
  /** The first reasons it did not match, one sentence each. */
  reasons: string[];
}

/** Diagnostic code of a near-miss entry in a 404 problem's `diagnostics`. */
export const NEAR_MISS_CODE = 'mock.stub.near-miss';

/**
 * Keeps the `limit` closest candidates across services (highest score first, stable).
 *
 * @example
 * closestCandidates([...pactMisses, ...hoverflyMisses], 3)
 */
export function closestCandidates(candidates: NearMiss[], limit = 3): NearMiss[] {
  return candidates
    .map((c, i) => [c, i] as const)
    .sort((a, b) => b[0].score - a[0].score || a[1] - b[1])
    .slice(0, limit)
    .map(([c]) => c);
}

/** Near misses as problem+json diagnostics: one `info` per candidate, its reasons in the message. */
export function nearMissDiagnostics(candidates: NearMiss[]): Diagnostic[] {
  return candidates.map((c) => ({
    code: NEAR_MISS_CODE,
    severity: 'info' as const,
    message: `Closest ${c.source === 'pact' ? 'interaction' : 'pair'}${c.service ? ` of ${c.service}` : ''}: ${c.name} — ${c.reasons.join('; ')}`,
  }));
}
