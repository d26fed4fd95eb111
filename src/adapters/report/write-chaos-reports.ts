import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChaosJournal } from '../../chaos/journal.js';
import {
  chaosStageResult,
  type ExperimentSummary,
  summarizeExperiments,
} from '../../chaos/summary.js';
import { renderChaosHtml } from '../../report/chaos-timeline.js';
import { renderJunit } from '../../report/junit.js';
import { writeAtomic } from '../fs/write-atomic.js';

export interface WrittenChaosReports {
  dir: string;
  html: string;
  junit: string;
  summary: string;
  experiments: ExperimentSummary[];
}

/** `chaos/slow-inventory.yaml` → `slow-inventory`. */
function slug(file: string): string {
  const base = file.replace(/\\/g, '/').split('/').pop() ?? file;
  return base.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]+/g, '-');
}

/**
 * Writes reports/chaos: one `<experiment>.journal.json` per experiment (Chaos Toolkit's journal
 * plus Gauntlet's timeline), `junit.xml`, `summary.json` and `index.html` (the timeline report),
 * each atomically.
 *
 * @example
 * const written = await writeChaosReports(result.journals, 'reports/chaos', durationMs);
 */
export async function writeChaosReports(
  journals: readonly ChaosJournal[],
  dir: string,
  durationMs: number,
): Promise<WrittenChaosReports> {
  await mkdir(dir, { recursive: true });
  const experiments = summarizeExperiments(journals);
  const used = new Set<string>();
  for (const [index, journal] of journals.entries()) {
    let name = slug(journal.file);
    while (used.has(name)) name = `${name}-${index}`;
    used.add(name);
    const file = join(dir, `${name}.journal.json`);
    await writeAtomic(file, `${JSON.stringify(journal, null, 2)}\n`);
    experiments[index]!.journal = file;
  }
  const stage = chaosStageResult(journals, durationMs);
  const junit = join(dir, 'junit.xml');
  await writeAtomic(
    junit,
    renderJunit(
      {
        status: stage.status === 'failed' ? 'failed' : 'passed',
        startedAt: journals[0]?.start ?? new Date().toISOString(),
        durationMs,
        stages: [stage],
      },
      'gauntlet chaos',
    ),
  );
  const summary = join(dir, 'summary.json');
  await writeAtomic(summary, `${JSON.stringify({ experiments }, null, 2)}\n`);
  const html = join(dir, 'index.html');
  await writeAtomic(html, renderChaosHtml(journals));
  return { dir, html, junit, summary, experiments };
}
