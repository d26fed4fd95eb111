import { dirname, join, resolve } from 'node:path';
import {
  experimentPassed,
  GauntletError,
  loadConfig,
  loadPaths,
  runChaosSuite,
  writeChaosReports,
} from '../../index.js';
import type { CommandContext } from '../command.js';
import { colourEnabled, palette } from '../terminal.js';

export const CHAOS_USAGE =
  'gauntlet chaos [EXPERIMENT...] [--toxiproxy URL|docker] [--running] [--var key=value]... [--report-dir reports/chaos] [--json]';

/** `--var key=value` or `key:int=value` / `key:float=value`, as `chaos run --var` takes them. */
export function parseVars(given: unknown): Record<string, unknown> {
  const list = Array.isArray(given) ? given : given === undefined ? [] : [given];
  const vars: Record<string, unknown> = {};
  for (const item of list.map(String)) {
    const match = /^([^=:]+)(?::(int|float|str))?=(.*)$/s.exec(item);
    if (!match) {
      throw new GauntletError(
        'GAUNTLET_E_USAGE',
        `Failed to read --var ${item}: because it is not key=value (or key:int=value).`,
        { hint: `Usage: ${CHAOS_USAGE}` },
      );
    }
    const [, key, type, value] = match;
    vars[key!] = type === 'int' || type === 'float' ? Number(value) : value;
  }
  return vars;
}

/**
 * `gauntlet chaos`: runs chaos experiments (default: every file of `chaos/`) against the system
 * of gauntlet.config.ts with each dependency edge behind its own Toxiproxy proxy, prints each
 * experiment's status, and writes reports/chaos. Exit 0 when every experiment completed without
 * deviation, 1 when any deviated or failed, 2 on a usage or config error. Ctrl-C stops the
 * current experiment, plays its rollbacks, removes every toxic and stops what was started.
 */
export default async function chaos(ctx: CommandContext): Promise<number> {
  const json = ctx.values.json === true;
  const vars = parseVars(ctx.values.var);
  const config = await loadConfig(ctx.cwd);
  const root = config.file ? dirname(config.file) : ctx.cwd;
  const running = ctx.values.running === true;
  if (!config.file && !running) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to run chaos experiments: because there is no gauntlet.config.ts in ${ctx.cwd}.`,
      {
        hint: 'Describe the system with defineConfig({ services: {...} }), or pass --running --toxiproxy URL.',
      },
    );
  }
  const reportDir = resolve(
    ctx.cwd,
    typeof ctx.values['report-dir'] === 'string'
      ? ctx.values['report-dir']
      : resolve(root, config.chaos?.reportDir ?? join(config.run?.reportDir ?? 'reports', 'chaos')),
  );
  const paint = palette(!json && colourEnabled(ctx.env, process.stdout.isTTY === true));
  const say = json ? ctx.stderr : ctx.stdout;
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    say(
      `\n[gauntlet] ${signal}: stopping the experiment, playing its rollbacks, removing every toxic\n`,
    );
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = performance.now();
  let result: Awaited<ReturnType<typeof runChaosSuite>>;
  try {
    result = await runChaosSuite({
      cwd: root,
      env: ctx.env,
      config,
      load: (paths) =>
        loadPaths(
          paths.map((p) => resolve(root, p)),
          { cwd: root },
        ),
      experiments: ctx.positionals.map((p) => resolve(ctx.cwd, p)).map((p) => p),
      ...(typeof ctx.values.toxiproxy === 'string' ? { toxiproxy: ctx.values.toxiproxy } : {}),
      running,
      vars,
      signal: abort.signal,
      log: (line) => say(`${line.startsWith('    ✗') ? paint.red(line) : paint.dim(line)}\n`),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const durationMs = performance.now() - started;
  const written = await writeChaosReports(result.journals, reportDir, durationMs);
  if (json) {
    ctx.stdout(
      `${JSON.stringify(
        {
          experiments: written.experiments,
          toxiproxy: result.toxiproxy,
          reports: { html: written.html, junit: written.junit, summary: written.summary },
        },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const e of written.experiments) {
      const ok = e.status === 'completed';
      const why = e.deviated
        ? ` — deviated probe: ${e.deviated_probes.join(', ')}`
        : e.reason
          ? ` — ${e.reason}`
          : '';
      ctx.stdout(
        `${ok ? paint.green('✓') : paint.red('✗')} ${e.title} ${ok ? paint.green(e.status) : paint.red(e.status)} (${e.file}, ${e.duration_s} s)${why}\n`,
      );
    }
    ctx.stdout(`report: ${written.html}\njunit: ${written.junit}\n`);
  }
  if (abort.signal.aborted) return 130;
  return result.journals.every(experimentPassed) ? 0 : 1;
}
