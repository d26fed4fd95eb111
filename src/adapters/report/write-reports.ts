import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from '../../report/render-html.js';
import type { RunSummary } from '../../report/types.js';

/**
 * Writes `text` so that readers see the old file or the new one, never half of one: to a temp
 * file in the same folder, then renamed over the target.
 */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

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
