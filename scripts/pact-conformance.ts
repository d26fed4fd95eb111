/**
 * Prints how many pact-specification conformance cases pass per version:
 *   npx tsx scripts/pact-conformance.ts [--failures]
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPactCases, loadSkips, tallyPactCases } from '../test/conformance/pact-cases.js';

const here = dirname(fileURLToPath(import.meta.url));
const skips = loadSkips(join(here, '../test/conformance/pact-specification.skip.json'));
const tallies = tallyPactCases(loadPactCases(), skips);
const showFailures = process.argv.includes('--failures');
let passed = 0;
let total = 0;
for (const t of tallies) {
  passed += t.passed;
  total += t.total;
  const pct = ((100 * t.passed) / t.total).toFixed(1);
  console.log(
    `v${t.version}: ${t.passed}/${t.total} (${pct}%, ${t.skipped} skipped, ${t.failed} failed)`,
  );
  if (showFailures) for (const id of t.failures) console.log(`  FAIL ${id}`);
}
console.log(`all: ${passed}/${total}`);
