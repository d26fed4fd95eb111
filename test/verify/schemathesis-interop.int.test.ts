// Side by side with Schemathesis (issue 15): both tools, each with its defaults, against the
// planted-bug inventory with every bug switched on. Every bug Schemathesis reports must also be
// reported by Gauntlet, and Gauntlet's report must name each bug's class.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyOpenApi } from '../../src/adapters/conformance/verify-openapi.js';
import type { ConformanceReport } from '../../src/verify/conformance/types.js';
import { describeNeeding } from '../support/needs-tool.js';
import {
  type BrokenInventory,
  PLANTED_BUGS,
  type PlantedBug,
  startBrokenInventory,
} from './fixtures/broken-inventory.js';
import { BUG_CLASSES, classesNamed } from './fixtures/bug-classes.js';

const ST = resolve('.gauntlet/venv/bin/st');
const SPEC = 'contracts/openapi/inventory.yaml';

/** One failing Schemathesis test case: its id and the ST codes it failed. */
interface StFailure {
  id: string;
  codes: string[];
}

/** Reads the FAILURES section of `st run` output: `1. Test Case ID: abc` then `- ST101 Server error` lines. */
function parseStFailures(output: string): StFailure[] {
  const failures: StFailure[] = [];
  for (const line of output.split('\n')) {
    const id = /^\d+\. Test Case ID: (\S+)/.exec(line);
    if (id) {
      failures.push({ id: id[1] as string, codes: [] });
      continue;
    }
    const code = /^- (ST\d+) /.exec(line);
    if (code) failures.at(-1)?.codes.push(code[1] as string);
  }
  return failures;
}

/** `st run --checks all SPEC --url URL`, its defaults otherwise; in `cwd`, where it keeps its caches. */
function runSchemathesis(url: string, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      ST,
      ['run', '--checks', 'all', resolve(SPEC), '--url', url],
      {
        cwd,
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1' },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describeNeeding(
  {
    name: 'Schemathesis 4.32.5',
    available: existsSync(ST),
    install:
      'python3 -m venv .gauntlet/venv && .gauntlet/venv/bin/pip install -r .ci/requirements.txt',
  },
  'Gauntlet and Schemathesis on the planted-bug inventory',
  () => {
    let forSt: BrokenInventory;
    let forGauntlet: BrokenInventory;
    let dir: string;
    beforeAll(async () => {
      forSt = await startBrokenInventory({ bugs: PLANTED_BUGS });
      forGauntlet = await startBrokenInventory({ bugs: PLANTED_BUGS });
      dir = await mkdtemp(join(tmpdir(), 'gauntlet-st-'));
    });
    afterAll(async () => {
      await forSt.close();
      await forGauntlet.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('finds every bug Schemathesis finds, and names each class', async () => {
      const st = await runSchemathesis(forSt.url, dir);
      // Exit 1: Schemathesis found failures (2 would be its own usage or schema error).
      expect([st.code, st.output.includes('Schemathesis v4.32.5')]).toEqual([1, true]);
      const stFailures = parseStFailures(st.output);
      expect(stFailures.length).toBeGreaterThan(0);
      // Each Schemathesis failure is attributed to the planted bugs that answered its requests;
      // one that no bug answered would mean the fixture is wrong where it claims to conform.
      const foundBySt = new Set<PlantedBug>();
      for (const failure of stFailures) {
        const bugs = forSt.bugsByTestCase.get(failure.id);
        expect({ failure, bugs: bugs ? [...bugs] : [] }).toEqual({
          failure,
          bugs: expect.arrayContaining([expect.any(String)]),
        });
        for (const bug of bugs ?? []) foundBySt.add(bug);
      }

      const report: ConformanceReport = await verifyOpenApi({
        spec: SPEC,
        baseUrl: forGauntlet.url,
      });
      const named = classesNamed(report);
      // Gauntlet's report names the class of every planted bug (Schemathesis's among them)…
      expect(named).toEqual(new Set(PLANTED_BUGS));
      for (const bug of foundBySt) expect(named.has(bug)).toBe(true);
      // …and every bug it names did answer one of its requests.
      for (const bug of named) expect(forGauntlet.triggered.get(bug) ?? 0).toBeGreaterThan(0);
      // Each class is named by the check the table expects.
      expect(Object.keys(BUG_CLASSES).sort()).toEqual([...PLANTED_BUGS].sort());
    }, 300_000);
  },
);
