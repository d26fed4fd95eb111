/**
 * Pact specification conformance: every case of pact-foundation/pact-specification (V1–V4,
 * requests, responses, messages) is normalised and matched; "match: true" cases must produce no
 * mismatch and "match: false" cases at least one. Skipped cases carry their reason in the name.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  loadPactCases,
  loadSkips,
  PACT_SPEC_VERSIONS,
  runPactCase,
  tallyPactCases,
} from './pact-cases.js';

const cases = loadPactCases();
const skips = loadSkips(fileURLToPath(new URL('./pact-specification.skip.json', import.meta.url)));

describe('pact-specification corpus', () => {
  it('has all 803 cases and every skip names an existing case', () => {
    expect(cases.length).toBe(803);
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(skips).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('passes at least 99% of the cases of every version', () => {
    const tallies = tallyPactCases(cases, skips);
    const summary = tallies.map((t) => `v${t.version}: ${t.passed}/${t.total}`).join(', ');
    console.log(`pact-specification conformance: ${summary}`);
    for (const t of tallies)
      expect(t.passed / t.total, `v${t.version}`).toBeGreaterThanOrEqual(0.99);
  });
});

for (const version of PACT_SPEC_VERSIONS) {
  describe(`pact-specification v${version}`, () => {
    for (const c of cases.filter((x) => x.version === version)) {
      const name = `${c.kind}/${c.part}/${c.file.replace(/\.json$/, '')} (match: ${c.match})`;
      const reason = skips[c.id];
      if (reason !== undefined) {
        it.skip(`${name} — skipped: ${reason}`, () => {});
        continue;
      }
      it(name, () => {
        const result = runPactCase(c);
        const detail = JSON.stringify(
          { comment: c.comment, mismatches: result.mismatches, diagnostics: result.diagnostics },
          null,
          2,
        );
        expect(
          result.diagnostics.filter((d) => d.severity === 'error'),
          detail,
        ).toEqual([]);
        expect(result.mismatches.length === 0, detail).toBe(c.match);
      });
    }
  });
}
