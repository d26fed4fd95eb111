import { dirname, resolve } from 'node:path';
import {
  createRunContext,
  type GauntletConfig,
  GauntletError,
  loadConfig,
  onInterrupt,
  type RunContext,
  type RunSummary,
  runStages,
  type Stage,
} from '../index.js';
import type { CommandContext } from './command.js';
import { progress } from './output.js';
import { colourEnabled, formatStage, type Palette, palette } from './terminal.js';

export interface StageCommandOptions {
  /** Completes "Failed to …" when there is no config, e.g. `run the CI gate`. */
  purpose: string;
  /** What to do when there is no config. */
  hint: string;
  /** The report folder the config names for this command (relative to the config's folder). */
  reportDir: (config: GauntletConfig) => string | undefined;
  /** Printed when Ctrl-C stops the run. */
  interrupted: string;
  env?: Record<string, string | undefined>;
  /** The stages to run; `progress` rewrites one terminal line while a stage works. */
  stages: (
    runCtx: Omit<RunContext, 'previous'>,
    progress: (line: string) => void,
  ) => Promise<readonly Stage[]> | readonly Stage[];
}

export interface StageCommandResult {
  summary: RunSummary;
  reportDir: string;
  json: boolean;
  paint: Palette;
}

/**
 * What `gauntlet run` and `gauntlet ci` share: load gauntlet.config.ts, run the stages with one
 * line per stage (progress on stderr with --json, so stdout stays one document), stop every
 * service and mock on Ctrl-C and at the end.
 */
export async function runStageCommand(
  ctx: CommandContext,
  options: StageCommandOptions,
): Promise<StageCommandResult> {
  const json = ctx.values.json === true;
  const config = await loadConfig(ctx.cwd);
  if (!config.file) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to ${options.purpose}: because there is no gauntlet.config.ts in ${ctx.cwd}.`,
      { hint: options.hint },
    );
  }
  const root = dirname(config.file);
  const reportDir = resolve(
    ctx.cwd,
    typeof ctx.values['report-dir'] === 'string'
      ? ctx.values['report-dir']
      : resolve(root, options.reportDir(config) ?? 'reports'),
  );
  const paint = palette(!json && colourEnabled(ctx.env, process.stdout.isTTY === true));
  const say = json ? ctx.stderr : ctx.stdout;
  const bar = progress(ctx, !json);
  const { ctx: runCtx, cleanupAll } = createRunContext({
    cwd: root,
    config,
    env: options.env ?? ctx.env,
    log: (line) => say(`${paint.dim(line)}\n`),
  });
  const dispose = onInterrupt(async () => {
    say(`\n[gauntlet] interrupted: ${options.interrupted}\n`);
    await cleanupAll();
  });
  let summary: RunSummary;
  try {
    const stages = await options.stages(runCtx, (line) => bar.update(line));
    summary = await runStages(stages, runCtx, {
      onStart: (stage) => say(`${paint.bold(`▶ ${stage.name}`)}  ${stage.title}\n`),
      onResult: (result) => {
        bar.done();
        say(`${formatStage(result, paint)}\n\n`);
      },
    });
  } finally {
    dispose();
    await cleanupAll();
  }
  return { summary, reportDir, json, paint };
}
