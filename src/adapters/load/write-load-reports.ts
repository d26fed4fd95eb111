import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadSummary } from '../../load/summary.js';
import { renderJunit } from '../../report/junit.js';
import { renderLoadHtml } from '../../report/load-html.js';
import type { StageResult } from '../../report/types.js';
import { writeAtomic } from '../fs/write-atomic.js';

/**
 * A file-name-safe slug of a suite name: a suite file's base name (`perf/shop.load.ts` →
 * `shop`), else the whole name (`GET http://127.0.0.1:8080/ok` → `GET-http-127.0.0.1-8080-ok`).
 */
export function suiteSlug(name: string): string {
  const base = /\.[mc]?[jt]s$/.test(name) ? (name.split(/[\\/]/).at(-1) ?? name) : name;
  return (
    base
      .replace(/\.load\.[mc]?[jt]s$|\.[mc]?[jt]s$/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'load'
  );
}

export interface WrittenLoadReports {
  json: string;
  junit: string;
  html: string;
}

/**
 * Writes one suite's reports into `dir` (default `reports/load/`): `<slug>.json` (k6's summary
 * data), `<slug>.junit.xml` (thresholds and checks as test cases) and `<slug>.html`.
 *
 * @example
 * await writeLoadReports(summary, result, 'reports/load');
 */
export async function writeLoadReports(
  summary: LoadSummary,
  stage: StageResult,
  dir: string,
): Promise<WrittenLoadReports> {
  await mkdir(dir, { recursive: true });
  const slug = suiteSlug(summary.gauntlet.suite);
  const out = {
    json: join(dir, `${slug}.json`),
    junit: join(dir, `${slug}.junit.xml`),
    html: join(dir, `${slug}.html`),
  };
  await writeAtomic(out.json, `${JSON.stringify(summary, null, 2)}\n`);
  await writeAtomic(
    out.junit,
    renderJunit(
      {
        status: stage.status === 'failed' ? 'failed' : 'passed',
        startedAt: new Date(Date.now() - summary.state.testRunDurationMs).toISOString(),
        durationMs: summary.state.testRunDurationMs,
        stages: [stage],
      },
      `gauntlet load ${slug}`,
    ),
  );
  await writeAtomic(out.html, renderLoadHtml(summary));
  return out;
}
