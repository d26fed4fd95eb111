import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../adapters/config/load-config.js';
import { onInterrupt } from '../../adapters/process/on-interrupt.js';
import { gateStages } from '../../ci/gate-stages.js';
import { writeCiReports } from '../../ci/write-ci-reports.js';
import { GauntletError } from '../../errors.js';
import { createRunContext } from '../../run/run-context.js';
import { runStages } from '../../run/run-stages.js';
import { colourEnabled, formatStage, palette } from '../../run/terminal.js';
import type { CommandContext } from '../command.js';
import { progress } from '../output.js';

/**
 * `gauntlet ci`: the merge gate from gauntlet.config.ts — lint → diff against the base branch →
 * compat → verify → publish → can-i-deploy — with one summary, reports/junit.xml,
 * reports/summary.{json,md}, reports/index.html, and the markdown in $GITHUB_STEP_SUMMARY.
 * Exit 1 when any step failed.
 */
export default async function ci(ctx: CommandContext): Promise<number> {
  const json = ctx.values.json === true;
  const config = await loadConfig(ctx.cwd);
  if (!config.file) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to run the CI gate: because there is no gauntlet.config.ts in ${ctx.cwd}.`,
      {
        hint: 'Create one with defineConfig({ services: {...}, ci: {...} }); see ci/README.md.',
      },
    );
  }
  const root = dirname(config.file);
  const env = { ...ctx.env };
  if (typeof ctx.values.base === 'string') env.GAUNTLET_BASE_REF = ctx.values.base;
  const reportDir = resolve(
    ctx.cwd,
    typeof ctx.values['report-dir'] === 'string'
      ? ctx.values['report-dir']
      : resolve(root, config.ci?.reportDir ?? config.run?.reportDir ?? 'reports'),
  );
  const paint = palette(!json && colourEnabled(ctx.env, process.stdout.isTTY === true));
  const say = json ? ctx.stderr : ctx.stdout;
  const bar = progress(ctx, !json);
  const { ctx: runCtx, cleanupAll } = createRunContext({
    cwd: root,
    config,
    env,
    log: (line) => say(`${paint.dim(line)}\n`),
  });
  const dispose = onInterrupt(async () => {
    say('\n[gauntlet] interrupted: stopping providers\n');
    await cleanupAll();
  });
  let summary: Awaited<ReturnType<typeof runStages>>;
  try {
    const stages = await gateStages(runCtx, (line) => bar.update(line));
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
  const written = await writeCiReports(summary, reportDir, ctx.env);
  if (json) {
    ctx.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const verdict = summary.status === 'passed' ? paint.green('passed') : paint.red('failed');
    const failed = summary.stages.filter((s) => s.status === 'failed').map((s) => s.name);
    ctx.stdout(
      `gauntlet ci ${verdict} in ${(summary.durationMs / 1000).toFixed(1)} s${failed.length > 0 ? `, failed: ${failed.join(', ')}` : ''}\n` +
        `reports: ${written.junit}, ${written.markdown}, ${written.json}, ${written.html}${written.stepSummary ? ` (+ ${written.stepSummary})` : ''}\n`,
    );
  }
  return summary.status === 'passed' ? 0 : 1;
}
