import { loadConfig } from '../adapters/config/load-config.js';
import type { GauntletConfig } from '../config.js';
import { createRunContext } from './run-context.js';
import { type RunStagesOptions, runStages } from './run-stages.js';
import type { RunSummary } from './types.js';

export interface RunGauntletOptions extends RunStagesOptions {
  /** The project folder (default: process.cwd()); gauntlet.config.ts is read from it. */
  cwd?: string;
  /** The configuration; default: gauntlet.config.ts of `cwd`. */
  config?: GauntletConfig;
  /** Run only these stages, by name (`contracts`, `mocked`, `system`, `ci`…); default: all. */
  stages?: readonly string[];
  /** The environment services inherit (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/**
 * Runs the stages of `gauntlet run` (contracts, mocked, system, ci, …) and returns the summary;
 * every process and server a stage started is stopped before it returns, also when a stage
 * throws. Reports are not written: pass the summary to `writeReports`.
 *
 * @example
 * const summary = await runGauntlet({ stages: ['contracts', 'mocked'] });
 * if (summary.status === 'failed') process.exitCode = 1;
 */
export async function runGauntlet(options: RunGauntletOptions = {}): Promise<RunSummary> {
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? (await loadConfig(cwd));
  // The stages import every engine: loaded on first run, so `import 'gauntlet'` stays fast.
  const { pickStages } = await import('./stages.js');
  const stages = pickStages(options.stages);
  const { ctx, cleanupAll } = createRunContext({
    cwd,
    config,
    env: options.env ?? process.env,
    log: options.log ?? (() => undefined),
  });
  try {
    return await runStages(stages, ctx, options);
  } finally {
    await cleanupAll();
  }
}
