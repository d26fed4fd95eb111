/**
 * Gauntlet against the real Hoverfly: every simulation of the corpus (`../shared/corpus/hoverfly`)
 * and of `fixtures/` (one per matcher, state and template feature, and one per class of issue 13)
 * is loaded into both; requests built for every pair (plus each fixture's own request list, for
 * state sequences and near misses) go to both in the same order; status, headers and body must
 * agree. A difference is a Gauntlet bug unless `known-differences.json` lists it with the reason
 * docs/hoverfly.md gives. The figures are printed for the report.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RealHoverfly, startRealHoverfly } from '../../src/adapters/hoverfly/real-hoverfly.js';
import { findTool } from '../../src/adapters/tools/find-tool.js';
import { loadSource } from '../../src/formats/load-source.js';
import type { Service } from '../../src/model/index.js';
import { describeNeeding } from '../support/needs-tool.js';
import { type Difference, runSimulation } from './differential.js';
import { type DiffRequest, requestForPair } from './request-for-pair.js';

const ROOT = process.cwd();
const CORPUS = path.resolve(ROOT, '../shared/corpus/hoverfly');
const FIXTURES = path.resolve(ROOT, 'test/hoverfly-differential/fixtures');
const tool = await findTool('hoverfly', { projectRoot: ROOT });

interface KnownDifference {
  simulation: string;
  request: number;
  field: string;
  why: string;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.name.endsWith('.json') && !entry.name.endsWith('.requests.json')) out.push(full);
  }
  return out.sort();
}

/** Delays are cut to at most 20 ms so the run stays short; timing is not what is compared. */
function shortenDelays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shortenDelays);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      typeof v === 'number' && ['fixedDelay', 'delay', 'min', 'max', 'mean', 'median'].includes(key)
        ? Math.min(v, 20)
        : shortenDelays(v);
  }
  return out;
}

async function gauntletModel(file: string, text: string): Promise<Service | { refused: string }> {
  const loaded = await loadSource(file, text, { readFile: (f) => readFile(f, 'utf8') });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.service || errors.length > 0)
    return { refused: errors.map((d) => `${d.path ?? ''} ${d.message}`).join('; ') || 'refused' };
  return loaded.service;
}

async function requestList(file: string, service: Service | { refused: string }) {
  const requests: DiffRequest[] = [];
  let unbuildable = 0;
  let pairs = 0;
  if (!('refused' in service)) {
    for (const pair of service.hoverfly?.pairs ?? []) {
      pairs++;
      const built = requestForPair(pair);
      if ('unbuildable' in built) unbuildable++;
      else requests.push(built);
    }
  }
  const extra = file.replace(/\.json$/, '.requests.json');
  try {
    requests.push(...(JSON.parse(await readFile(extra, 'utf8')) as DiffRequest[]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { requests, unbuildable, pairs };
}

describeNeeding(
  {
    name: 'Hoverfly',
    available: tool !== undefined,
    install: 'node bin/gauntlet.js setup --only hoverfly',
  },
  `Gauntlet answers every simulation as the real Hoverfly does (${tool?.version ?? ''})`,
  () => {
    let hoverfly: RealHoverfly;
    beforeAll(async () => {
      hoverfly = await startRealHoverfly({ binary: tool!.path, cwd: FIXTURES });
    }, 30_000);
    afterAll(async () => {
      await hoverfly?.stop();
    });

    it('agrees on status, headers and body, except the documented differences', async () => {
      const files = [...(await walk(CORPUS)), ...(await walk(FIXTURES))];
      const differences: Difference[] = [];
      let requests = 0;
      let answered = 0;
      let pairs = 0;
      let unbuildable = 0;
      let refused = 0;
      for (const file of files) {
        const name = path.relative(ROOT, file);
        const text = await readFile(file, 'utf8');
        const service = await gauntletModel(file, text);
        if ('refused' in service) refused++;
        const list = await requestList(file, service);
        pairs += list.pairs;
        unbuildable += list.unbuildable;
        const run = await runSimulation(
          name,
          shortenDelays(JSON.parse(text)),
          'refused' in service
            ? service
            : { ...service, hoverfly: shortenDelays(service.hoverfly) as Service['hoverfly'] },
          list.requests,
          hoverfly,
        );
        requests += run.requests;
        answered += run.answered;
        differences.push(...run.differences);
      }
      const known = JSON.parse(
        await readFile(
          path.join(ROOT, 'test/hoverfly-differential/known-differences.json'),
          'utf8',
        ),
      ) as KnownDifference[];
      const key = (d: { simulation: string; request: number; field: string }) =>
        `${d.simulation}#${d.request} ${d.field}`;
      const knownKeys = new Set(known.map(key));
      const unexpected = differences.filter((d) => !knownKeys.has(key(d)));
      const gone = known.filter((k) => !differences.some((d) => key(d) === key(k)));
      console.info(
        `[hoverfly differential] simulations ${files.length} (Gauntlet refused ${refused}), pairs ${pairs} (${unbuildable} without a built request), requests ${requests} (${answered} answered by Hoverfly), differences ${differences.length} (${differences.length - unexpected.length} documented, ${unexpected.length} not)`,
      );
      for (const d of unexpected)
        console.info(
          `  ${key(d)}\n    sent: ${d.sent}\n    hoverfly: ${d.hoverfly.slice(0, 300)}\n    gauntlet: ${d.gauntlet.slice(0, 300)}`,
        );
      expect(files.length).toBeGreaterThan(10);
      expect(answered).toBeGreaterThan(0);
      expect(unexpected.map(key)).toEqual([]);
      // A documented difference that no longer happens must leave the list (and the docs).
      expect(gone.map(key)).toEqual([]);
    }, 120_000);
  },
);
