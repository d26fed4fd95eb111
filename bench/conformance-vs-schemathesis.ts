// Gauntlet and Schemathesis side by side on the planted-bug inventory (issue 15's "Must show"
// table): for each planted bug, a provider with only that bug switched on, then one with all of
// them; each tool with its defaults (`gauntlet verify openapi --spec … --base-url …` as a library
// call; `st run --checks all SPEC --url URL`). Prints found/missed per bug, the requests each
// tool sent and its wall time. Schemathesis seeds itself randomly: its column can change between
// runs. Needs .gauntlet/venv (see .ci/requirements.txt).
//
//   npx tsx bench/conformance-vs-schemathesis.ts [--gauntlet-only]
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyOpenApi } from '../src/adapters/conformance/verify-openapi.js';
import {
  PLANTED_BUGS,
  type PlantedBug,
  startBrokenInventory,
} from '../test/verify/fixtures/broken-inventory.js';
import { BUG_CLASSES, classesNamed } from '../test/verify/fixtures/bug-classes.js';
import {
  parseStFailures,
  runSchemathesis,
  ST,
  ST_INSTALL,
} from '../test/verify/fixtures/schemathesis.js';

const SPEC = 'contracts/openapi/inventory.yaml';
const withSt = !process.argv.includes('--gauntlet-only');
if (withSt && !existsSync(ST)) {
  process.stderr.write(`Schemathesis is missing: ${ST_INSTALL} (or pass --gauntlet-only)\n`);
  process.exit(2);
}

interface Outcome {
  found: Set<PlantedBug>;
  requests: number;
  ms: number;
}

async function gauntlet(bugs: readonly PlantedBug[]): Promise<Outcome> {
  const provider = await startBrokenInventory({ bugs });
  try {
    const started = performance.now();
    const report = await verifyOpenApi({ spec: SPEC, baseUrl: provider.url });
    const ms = performance.now() - started;
    return { found: classesNamed(report), requests: provider.requests(), ms };
  } finally {
    await provider.close();
  }
}

async function schemathesis(bugs: readonly PlantedBug[], dir: string): Promise<Outcome> {
  const provider = await startBrokenInventory({ bugs });
  try {
    const started = performance.now();
    const run = await runSchemathesis(SPEC, provider.url, dir);
    const ms = performance.now() - started;
    if (run.code !== 0 && run.code !== 1) throw new Error(`st exited ${run.code}:\n${run.output}`);
    // A failure is attributed to the bugs that answered its test case's requests.
    const found = new Set<PlantedBug>();
    for (const failure of parseStFailures(run.output)) {
      for (const bug of provider.bugsByTestCase.get(failure.id) ?? []) found.add(bug);
    }
    return { found, requests: provider.requests(), ms };
  } finally {
    await provider.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'gauntlet-bench-st-'));
const cell = (o: Outcome | undefined, bug: PlantedBug): string =>
  o === undefined ? '—' : o.found.has(bug) ? 'found' : 'missed';
const figures = (o: Outcome | undefined): string =>
  o === undefined ? '—' : `${o.requests} req, ${(o.ms / 1000).toFixed(1)} s`;
try {
  const clean = { g: await gauntlet([]), s: withSt ? await schemathesis([], dir) : undefined };
  process.stdout.write(
    `no bug switched on: Gauntlet ${clean.g.found.size === 0 ? 'passes' : 'FAILS'} (${figures(clean.g)}); Schemathesis ${clean.s ? (clean.s.found.size === 0 ? 'passes' : 'FAILS') : '—'} (${figures(clean.s)})\n\n`,
  );
  const lines = [
    '| planted bug (only this one on) | Gauntlet | Schemathesis | Gauntlet sent, took | Schemathesis sent, took |',
    '|---|---|---|---|---|',
  ];
  for (const bug of PLANTED_BUGS) {
    const g = await gauntlet([bug]);
    const s = withSt ? await schemathesis([bug], dir) : undefined;
    lines.push(
      `| ${BUG_CLASSES[bug as keyof typeof BUG_CLASSES].row} | ${cell(g, bug)} | ${cell(s, bug)} | ${figures(g)} | ${figures(s)} |`,
    );
    process.stdout.write(`${lines.at(-1)}\n`);
  }
  const g = await gauntlet(PLANTED_BUGS);
  const s = withSt ? await schemathesis(PLANTED_BUGS, dir) : undefined;
  process.stdout.write(
    `\nall ${PLANTED_BUGS.length} bugs on at once: Gauntlet found ${g.found.size} (${figures(g)}); Schemathesis found ${s ? s.found.size : '—'} (${figures(s)})\n`,
  );
  for (const bug of PLANTED_BUGS) {
    process.stdout.write(`  ${bug}: Gauntlet ${cell(g, bug)}, Schemathesis ${cell(s, bug)}\n`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
