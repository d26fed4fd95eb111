import { pickStages, writeReports } from '../../index.js';
import type { CommandContext } from '../command.js';
import { runStageCommand } from '../stage-command.js';
import { verdictOf } from '../terminal.js';

const USAGE = 'gauntlet run [--stage NAME]... [--report-dir reports] [--json]';

/** The stages asked for with --stage (all when none), in the registry's order. */
function stagesAsked(asked: unknown) {
  const names = (Array.isArray(asked) ? asked : asked === undefined ? [] : [asked])
    .flatMap((n) => String(n).split(','))
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return pickStages(names, '--stage', `Usage: ${USAGE}`);
}

/**
 * `gauntlet run`: the main job. Loads gauntlet.config.ts, runs every stage (contracts, each
 * service against mocks, the whole system, and whatever stages are registered in
 * src/run/stages.ts), prints a summary per stage, writes reports/index.html and
 * reports/summary.json. Exit 1 when any stage failed.
 */
export default async function run(ctx: CommandContext): Promise<number> {
  const stages = stagesAsked(ctx.values.stage);
  const { summary, reportDir, json, paint } = await runStageCommand(ctx, {
    purpose: 'run',
    hint: 'Create one with defineConfig({ services: {...} }); the README tutorial shows how.',
    reportDir: (config) => config.run?.reportDir,
    interrupted: 'stopping services and mocks',
    stages: () => stages,
  });
  const written = await writeReports(summary, reportDir);
  if (json) {
    ctx.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const { verdict, failed } = verdictOf(summary, paint);
    ctx.stdout(
      `gauntlet run ${verdict} in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.stages.length} stages${
        failed.length > 0 ? `, failed: ${failed.join(', ')}` : ''
      }\n`,
    );
    ctx.stdout(`report: ${written.html}\nsummary: ${written.json}\n`);
  }
  return summary.status === 'passed' ? 0 : 1;
}
