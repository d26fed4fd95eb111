import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../adapters/fs/write-atomic.js';
import { writeReports } from '../adapters/report/write-reports.js';
import { renderJunit } from '../report/junit.js';
import { renderMarkdown } from '../report/markdown.js';
import type { RunSummary } from '../run/types.js';

export interface CiReports {
  html: string;
  json: string;
  junit: string;
  markdown: string;
  /** Set when the markdown was also appended to $GITHUB_STEP_SUMMARY. */
  stepSummary?: string;
}

/**
 * Writes the gate's reports into `dir`: index.html and summary.json (the run report writer),
 * junit.xml and summary.md; appends the markdown to `$GITHUB_STEP_SUMMARY` when it is set.
 *
 * @example
 * await writeCiReports(summary, 'reports', process.env);
 */
export async function writeCiReports(
  summary: RunSummary,
  dir: string,
  env: Record<string, string | undefined>,
): Promise<CiReports> {
  await mkdir(dir, { recursive: true });
  const { html, json } = await writeReports(summary, dir);
  const junit = join(dir, 'junit.xml');
  const markdown = join(dir, 'summary.md');
  const md = renderMarkdown(summary, 'gauntlet ci');
  await writeAtomic(junit, renderJunit(summary, 'gauntlet ci'));
  await writeAtomic(markdown, md);
  const out: CiReports = { html, json, junit, markdown };
  const step = env.GITHUB_STEP_SUMMARY;
  if (step !== undefined && step !== '') {
    await appendFile(step, md);
    out.stepSummary = step;
  }
  return out;
}
