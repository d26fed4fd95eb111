import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findSuites } from '../../adapters/load/find-suites.js';
import { loadSuiteFile } from '../../adapters/load/load-suite-file.js';
import { writeLoadReports } from '../../adapters/load/write-load-reports.js';
import { loadChecks } from '../load/load-checks.js';
import { runSuite } from '../load/run-suite.js';
import { stageResult } from '../stage-result.js';
import type { Check, Stage } from '../types.js';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The load suites (`run.load`, default `perf/`): each runs with the built-in engine against
 * what it targets (the whole system, or its service against mocks of its dependencies); each
 * threshold and check is a check of the stage, and each suite's reports go to reports/load/.
 */
export const loadStage: Stage = {
  name: 'load',
  title: 'Load suites on the hot paths',
  async run(ctx) {
    const started = performance.now();
    const configured = ctx.config.run?.load;
    const paths = configured ?? (existsSync(join(ctx.cwd, 'perf')) ? ['perf/'] : []);
    const checks: Check[] = [];
    const files = paths.length === 0 ? [] : await findSuites(paths, ctx.cwd);
    if (files.length === 0) {
      checks.push({
        name: 'load: no suites',
        status: 'skipped',
        message: 'no *.load.ts files (run.load, default perf/)',
      });
    }
    const reportDir = join(ctx.cwd, ctx.config.run?.reportDir ?? 'reports', 'load');
    let requests = 0;
    for (const file of files) {
      const suiteStarted = performance.now();
      try {
        const loaded = await loadSuiteFile(file, ctx.cwd);
        ctx.log(`  suite: ${loaded.suite.name ?? file}`);
        const summary = await runSuite({
          loaded,
          cwd: ctx.cwd,
          config: ctx.config,
          env: ctx.env,
          load: ctx.load,
          defer: ctx.defer,
        });
        requests += summary.metrics.http_reqs?.values.count ?? 0;
        const suiteChecks = loadChecks(summary);
        const written = await writeLoadReports(
          summary,
          stageResult({ name: 'load', title: summary.gauntlet.suite }, suiteChecks, suiteStarted),
          reportDir,
        );
        checks.push(
          ...suiteChecks.map((c) =>
            c.name.endsWith('generator kept up')
              ? { ...c, message: `${c.message} · report ${written.html}` }
              : c,
          ),
        );
      } catch (error) {
        checks.push({ name: `load: ${file}`, status: 'failed', message: message(error) });
      }
    }
    return stageResult(
      this,
      checks,
      started,
      `${files.length} suites, ${requests} requests, ${checks.filter((c) => c.status === 'failed').length} failed checks`,
    );
  },
};
