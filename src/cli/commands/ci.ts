import { gateStages, writeCiReports } from '../../index.js';
import type { CommandContext } from '../command.js';
import { runStageCommand } from '../stage-command.js';
import { verdictOf } from '../terminal.js';

/**
 * `gauntlet ci`: the merge gate from gauntlet.config.ts — lint → diff against the base branch →
 * compat → verify → publish → can-i-deploy — with one summary, reports/junit.xml,
 * reports/summary.{json,md}, reports/index.html, and the markdown in $GITHUB_STEP_SUMMARY.
 * Exit 1 when any step failed.
 */
export default async function ci(ctx: CommandContext): Promise<number> {
  const env = { ...ctx.env };
  if (typeof ctx.values.base === 'string') env.GAUNTLET_BASE_REF = ctx.values.base;
  const { summary, reportDir, json, paint } = await runStageCommand(ctx, {
    purpose: 'run the CI gate',
    hint: 'Create one with defineConfig({ services: {...}, ci: {...} }); see ci/README.md.',
    reportDir: (config) => config.ci?.reportDir ?? config.run?.reportDir,
    interrupted: 'stopping providers',
    env,
    stages: (runCtx, progress) => gateStages(runCtx, progress),
  });
  const written = await writeCiReports(summary, reportDir, ctx.env);
  if (json) {
    ctx.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const { verdict, failed } = verdictOf(summary, paint);
    ctx.stdout(
      `gauntlet ci ${verdict} in ${(summary.durationMs / 1000).toFixed(1)} s${failed.length > 0 ? `, failed: ${failed.join(', ')}` : ''}\n` +
        `reports: ${written.junit}, ${written.markdown}, ${written.json}, ${written.html}${written.stepSummary ? ` (+ ${written.stepSummary})` : ''}\n`,
    );
  }
  return summary.status === 'passed' ? 0 : 1;
}
