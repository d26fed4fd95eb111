import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from '../../report/render-html.js';
import type { RunSummary } from '../../report/types.js';
import { writeAtomic } from '../fs/write-atomic.js';

export interface WrittenReports {
  html: string;
  json: string;
}

/**
 * Writes `index.html` (see renderHtml) and `summary.json` (the RunSummary as is) into `dir`,
 * creating it, each atomically.
 *
 * @example
 * const { html } = await writeReports(summary, 'reports');
 */
export async function writeReports(summary: RunSummary, dir: string): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'summary.json');
  const html = join(dir, 'index.html');
  await writeAtomic(json, `${JSON.stringify(summary, null, 2)}\n`);
  await writeAtomic(html, renderHtml(summary));
  return { html, json };
}
