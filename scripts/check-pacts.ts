/**
 * Checks that the consumer pact tests are deterministic: runs them with PACT_DIR pointing at an
 * empty temp folder (the tests honour it) and compares what they write, byte for byte, with the
 * committed files in contracts/pacts/. Exit 0 when identical, 1 with the first difference per
 * file otherwise. Run from .ci/run after `npm test`:
 *   npx tsx scripts/check-pacts.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committedDir = join(root, 'contracts', 'pacts');
const pactTests = readdirSync(join(root, 'examples', 'shop'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.pact.test.ts'))
  .map((file) => join('examples', 'shop', file))
  .sort();

/** The first line where two texts differ, for the message. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return `line ${i + 1}: committed ${JSON.stringify(left[i] ?? '<end>')}, regenerated ${JSON.stringify(right[i] ?? '<end>')}`;
    }
  }
  return 'identical';
}

/** Runs the pact tests with PACT_DIR pointing at a fresh folder; true when they passed. */
function regenerate(into: string): boolean {
  console.log(`regenerating pacts from ${pactTests.length} tests into ${into}`);
  const vitest = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...pactTests, '--reporter=dot'],
    { cwd: root, env: { ...process.env, PACT_DIR: into }, stdio: 'inherit' },
  );
  if (vitest.status === 0) return true;
  console.error(`[check-pacts] the pact tests failed (exit ${vitest.status}).`);
  return false;
}

let outDir = mkdtempSync(join(tmpdir(), 'gauntlet-pacts-'));
let failures = 0;
let testsFailed = false;
try {
  // The pact tests are also part of `npm test`; a failure here is retried once, into a fresh
  // folder (pact-js merges into existing files), to tell a flaky run from a broken test. The
  // comparison below is never retried.
  if (!regenerate(outDir)) {
    rmSync(outDir, { recursive: true, force: true });
    outDir = mkdtempSync(join(tmpdir(), 'gauntlet-pacts-'));
    console.error('[check-pacts] retrying once into a fresh folder');
    if (!regenerate(outDir)) {
      console.error('[check-pacts] the pact tests failed twice; nothing compared.');
      testsFailed = true;
    }
  }
  const committed = readdirSync(committedDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const regenerated = testsFailed
    ? []
    : readdirSync(outDir)
        .filter((f) => f.endsWith('.json'))
        .sort();
  for (const file of testsFailed ? [] : new Set([...committed, ...regenerated])) {
    if (!committed.includes(file)) {
      failures++;
      console.error(`✗ ${file}: written by the tests but not committed in contracts/pacts/`);
      continue;
    }
    if (!regenerated.includes(file)) {
      failures++;
      console.error(`✗ ${file}: committed, but no test writes it any more`);
      continue;
    }
    const before = readFileSync(join(committedDir, file));
    const after = readFileSync(join(outDir, file));
    if (before.equals(after)) {
      console.log(`✓ ${file}: identical (${after.length} bytes)`);
    } else {
      failures++;
      console.error(
        `✗ ${file}: differs, ${firstDifference(before.toString('utf8'), after.toString('utf8'))}`,
      );
    }
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
if (testsFailed) process.exit(1);
if (failures > 0) {
  console.error(
    `[check-pacts] ${failures} pact file(s) are not reproduced by the tests. Delete contracts/pacts/*.json, rerun \`npx vitest run examples\` and commit the result, or make the tests deterministic.`,
  );
  process.exit(1);
}
console.log('pacts are deterministic');
