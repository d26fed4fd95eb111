import type { Check, CheckStatus, Stage, StageResult } from './types.js';

/**
 * A stage's status from its checks: failed when any failed, skipped when there was nothing to
 * check or everything was skipped, passed otherwise.
 */
export function statusOf(checks: readonly Check[]): CheckStatus {
  if (checks.some((c) => c.status === 'failed')) return 'failed';
  if (checks.every((c) => c.status === 'skipped')) return 'skipped';
  return 'passed';
}

/** `12 passed, 1 failed, 2 skipped` (zero counts left out). */
export function countChecks(checks: readonly Check[]): string {
  const counts: Record<CheckStatus, number> = { passed: 0, failed: 0, skipped: 0 };
  for (const check of checks) counts[check.status]++;
  const parts = (['passed', 'failed', 'skipped'] as const)
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${status}`);
  return parts.length === 0 ? 'nothing to check' : parts.join(', ');
}

/**
 * Builds a stage's result from its checks and its start time (`performance.now()`).
 *
 * @example
 * const started = performance.now();
 * const checks: Check[] = [{ name: 'contracts/a.yaml', status: 'passed' }];
 * return stageResult(this, checks, started);
 */
export function stageResult(
  stage: Pick<Stage, 'name' | 'title'>,
  checks: Check[],
  startedMs: number,
  summary?: string,
): StageResult {
  return {
    name: stage.name,
    title: stage.title,
    status: statusOf(checks),
    durationMs: Math.round(performance.now() - startedMs),
    summary: summary ?? countChecks(checks),
    checks,
  };
}
