import { join, resolve } from 'node:path';
import { writeChaosReports } from '../../adapters/report/write-chaos-reports.js';
import { chaosStageResult } from '../../chaos/summary.js';
import { runChaosSuite } from '../chaos/run-chaos-suite.js';
import type { Stage } from '../types.js';

/**
 * The chaos experiments of `chaos.stage` in gauntlet.config.ts (a short selection: the whole of
 * `chaos/` is `gauntlet chaos`), run against the system with every edge behind Toxiproxy. One
 * check per experiment; reports/chaos holds the journals and the timeline. Skipped when the
 * config names none.
 */
export const chaosStage: Stage = {
  name: 'chaos',
  title: 'Chaos experiments',
  async run(ctx) {
    const started = performance.now();
    const experiments = ctx.config.chaos?.stage ?? [];
    if (experiments.length === 0) {
      return {
        ...chaosStageResult([], 0),
        checks: [
          {
            name: 'chaos: none',
            status: 'skipped',
            message:
              'no experiments in chaos.stage of gauntlet.config.ts (gauntlet chaos runs chaos/)',
          },
        ],
      };
    }
    const abort = new AbortController();
    const suite = runChaosSuite({
      cwd: ctx.cwd,
      env: ctx.env,
      config: ctx.config,
      load: (paths) => ctx.load(paths),
      experiments,
      signal: abort.signal,
      log: (line) => ctx.log(`  ${line}`),
    });
    // An interrupted run stops the experiment, plays its rollbacks, resets Toxiproxy and stops
    // every process the suite started before the run exits.
    const undefer = ctx.defer(async () => {
      abort.abort();
      await suite.catch(() => undefined);
    });
    try {
      const result = await suite;
      const durationMs = performance.now() - started;
      const dir = resolve(
        ctx.cwd,
        ctx.config.chaos?.reportDir ?? join(ctx.config.run?.reportDir ?? 'reports', 'chaos'),
      );
      await writeChaosReports(result.journals, dir, durationMs);
      return chaosStageResult(result.journals, Math.round(durationMs));
    } finally {
      undefer();
    }
  },
};
