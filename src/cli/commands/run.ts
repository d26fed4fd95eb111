import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../adapters/config/load-config.js';
import { onInterrupt } from '../../adapters/process/on-interrupt.js';
import { writeReports } from '../../adapters/report/write-reports.js';
import { GauntletError } from '../../errors.js';
import { createRunContext } from '../../run/run-context.js';
import { runStages } from '../../run/run-stages.js';
import { STAGES } from '../../run/stages.js';
import { colourEnabled, formatStage, palette } from '../../run/terminal.js';
import type { CommandContext } from '../command.js';

const USAGE = 'gauntlet run [--stage NAME]... [--report-dir reports] [--json]';

/** The stages asked for with --stage (all when none), in the registry's order. */
function pickStages(asked: unknown): typeof STAGES {
  const names = (Array.isArray(asked) ? asked : asked === undefined ? [] : [asked])
    .flatMap((n) => String(n).split(','))
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) return STAGES;
  const known = STAGES.map((s) => s.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read --stage: because ${unknown.map((n) => `"${n}"`).join(', ')} is not a stage (stages: ${known.join(', ')}).`,
      { hint: `Usage: ${USAGE}` },
    );
  }
  return STAGES.filter((s) => names.includes(s.name));
}

/**
 * `gauntlet run`: the main job. Loads gauntlet.config.ts, runs every stage (contracts, each
 * service against mocks, the whole system, and whatever stages are registered in
 * src/run/stages.ts), prints a summary per stage, writes reports/index.html and
 * reports/summary.json. Exit 1 when any stage failed.
 */
export default async function run(ctx: CommandContext): Promise<number> {
  const json = ctx.values.json === true;
  const config = await loadConfig(ctx.cwd);
  if (!config.file) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to run: because there is no gauntlet.config.ts in ${ctx.cwd}.`,
      { hint: 'Create one with defineConfig({ services: {...} }); the README tutorial shows how.' },
    );
  }
  const stages = pickStages(ctx.values.stage);
  const root = dirname(config.file);
  const reportDir = resolve(
    ctx.cwd,
    typeof ctx.values['report-dir'] === 'string'
      ? ctx.values['report-dir']
      : resolve(root, config.run?.reportDir ?? 'reports'),
  );
  const paint = palette(!json && colourEnabled(ctx.env, process.stdout.isTTY === true));
  // With --json, stdout is one document: progress goes to stderr.
  const say = json ? ctx.stderr : ctx.stdout;
  const { ctx: runCtx, cleanupAll } = createRunContext({
    cwd: root,
    config,
    env: ctx.env,
    log: (line) => say(`${paint.dim(line)}\n`),
  });
  const dispose = onInterrupt(async () => {
    say('\n[gauntlet] interrupted: stopping services and mocks\n');
    await cleanupAll();
  });
  let summary: Awaited<ReturnType<typeof runStages>>;
  try {
    summary = await runStages(stages, runCtx, {
      onStart: (stage) => say(`${paint.bold(`▶ ${stage.name}`)}  ${stage.title}\n`),
      onResult: (result) => say(`${formatStage(result, paint)}\n\n`),
    });
  } finally {
    dispose();
    await cleanupAll();
  }
  const written = await writeReports(summary, reportDir);
  if (json) {
    ctx.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const verdict = summary.status === 'passed' ? paint.green('passed') : paint.red('failed');
    const failed = summary.stages.filter((s) => s.status === 'failed').map((s) => s.name);
    ctx.stdout(
      `gauntlet run ${verdict} in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.stages.length} stages${
        failed.length > 0 ? `, failed: ${failed.join(', ')}` : ''
      }\n`,
    );
    ctx.stdout(`report: ${written.html}\nsummary: ${written.json}\n`);
  }
  return summary.status === 'passed' ? 0 : 1;
}
