import type { CheckStatus, RunSummary, StageResult } from '../index.js';

export type Paint = (text: string) => string;

export interface Palette {
  red: Paint;
  green: Paint;
  yellow: Paint;
  dim: Paint;
  bold: Paint;
}

const plain: Paint = (text) => text;

/**
 * ANSI colours when `enabled` (a terminal, or FORCE_COLOR set), plain text otherwise, so logs
 * and tests read the same words either way.
 */
export function palette(enabled: boolean): Palette {
  if (!enabled) return { red: plain, green: plain, yellow: plain, dim: plain, bold: plain };
  const sgr =
    (open: number, close: number): Paint =>
    (text) =>
      `\x1b[${open}m${text}\x1b[${close}m`;
  return {
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
  };
}

/** Whether to colour a stream: FORCE_COLOR / NO_COLOR win, else whether it is a terminal. */
export function colourEnabled(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return isTTY;
}

const MARK: Record<CheckStatus, string> = { passed: '✓', failed: '✗', skipped: '–' };

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A stage's result for the terminal: one line with its verdict, duration and summary, then one
 * line per failed check (passed ones are in the report).
 *
 * @example
 * formatStage(result, palette(false));
 * // '✓ contracts  passed  3.1 s  9 contracts: 0 errors, 0 warnings'
 */
export function formatStage(result: StageResult, paint: Palette): string {
  const colour =
    result.status === 'passed' ? paint.green : result.status === 'failed' ? paint.red : paint.dim;
  const lines = [
    `${colour(`${MARK[result.status]} ${result.name}`)}  ${colour(result.status)}  ${paint.dim(seconds(result.durationMs))}  ${result.summary}`,
  ];
  for (const check of result.checks) {
    if (check.status !== 'failed') continue;
    lines.push(`    ${paint.red('✗')} ${check.name}: ${check.message ?? 'failed'}`);
  }
  return lines.join('\n');
}

/** `passed`/`failed` in colour, and the stages that failed: the last line of `run` and `ci`. */
export function verdictOf(
  summary: RunSummary,
  paint: Palette,
): { verdict: string; failed: string[] } {
  return {
    verdict: summary.status === 'passed' ? paint.green('passed') : paint.red('failed'),
    failed: summary.stages.filter((s) => s.status === 'failed').map((s) => s.name),
  };
}

/** `✓ name  url  (pid N, healthy in M ms)`: a service `up` or `dev` started. */
export function startedLine(
  service: { name: string; url: string; pid: number | undefined; startMs: number },
  width: number,
  paint: Palette,
): string {
  return `${paint.green('✓')} ${service.name.padEnd(width)}  ${service.url}  (pid ${service.pid}, healthy in ${service.startMs} ms)\n`;
}
