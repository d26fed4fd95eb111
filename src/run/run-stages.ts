import { stageResult } from './stage-result.js';
import type { RunContext, RunSummary, Stage, StageResult } from './types.js';

export interface RunStagesOptions {
  /** Called before a stage starts. */
  onStart?: (stage: Stage) => void;
  /** Called with each stage's result as soon as it is known. */
  onResult?: (result: StageResult) => void;
  /** The clock for `startedAt` (tests pass a fixed one). */
  now?: () => Date;
}

/**
 * Runs stages one after another, each with the results of those before it. A stage that throws
 * becomes a failed stage with one failed check carrying the message; later stages still run
 * (they decide themselves whether to skip). The run fails when any stage failed.
 *
 * @example
 * const summary = await runStages(STAGES, ctx, { onResult: (r) => console.log(r.title, r.status) });
 */
export async function runStages(
  stages: readonly Stage[],
  ctx: Omit<RunContext, 'previous'>,
  options: RunStagesOptions = {},
): Promise<RunSummary> {
  const startedAt = (options.now ?? (() => new Date()))().toISOString();
  const started = performance.now();
  const results: StageResult[] = [];
  for (const stage of stages) {
    options.onStart?.(stage);
    const stageStarted = performance.now();
    let result: StageResult;
    try {
      result = await stage.run({ ...ctx, previous: [...results] });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = stageResult(
        stage,
        [{ name: `${stage.title} could not run`, status: 'failed', message }],
        stageStarted,
        `stopped: ${message.split('\n')[0]}`,
      );
    }
    results.push(result);
    options.onResult?.(result);
  }
  return {
    status: results.some((r) => r.status === 'failed') ? 'failed' : 'passed',
    startedAt,
    durationMs: Math.round(performance.now() - started),
    stages: results,
  };
}
