// Side by side with Schemathesis (issue 15): both tools, each with its defaults, against the
// planted-bug inventory with every bug switched on. Every bug Schemathesis reports must also be
// reported by Gauntlet, and Gauntlet's report must name each bug's class.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { parseStFailures, runSchemathesis, ST, ST_INSTALL } from './fixtures/schemathesis.js';

const SPEC = 'contracts/openapi/inventory.yaml';

describeNeeding(
  {
    name: 'Schemathesis 4.32.5',
    available: existsSync(ST),
    install: ST_INSTALL,
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
      const st = await runSchemathesis(SPEC, forSt.url, dir);
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
