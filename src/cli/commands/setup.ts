import * as path from 'node:path';
import {
  installTools,
  type SetupProgress,
  setupFailure,
  type ToolInstallOutcome,
} from '../../index.js';
import type { CommandContext } from '../command.js';

/** `--only a --only b,c` → ['a', 'b', 'c']. */
export function parseOnly(value: unknown): string[] | undefined {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const names = raw
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return names.length === 0 ? undefined : [...new Set(names)];
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : `${(ms / 1000).toFixed(1)}s`;
}

function outcomeText(outcome: ToolInstallOutcome): string {
  switch (outcome.status) {
    case 'installed':
      return `installed in ${seconds(outcome.durationMs)}${outcome.reason === 'not installed' ? '' : ` (${outcome.reason})`}`;
    case 'already-installed':
      return 'already installed';
    case 'overridden':
      return `not installed: ${outcome.reason} (${outcome.path})`;
    case 'failed':
      return `FAILED after ${seconds(outcome.durationMs)}`;
  }
}

/** `gauntlet setup [--only NAME]... [--force] [--json]` */
export default async function setup(ctx: CommandContext): Promise<number> {
  const json = ctx.values.json === true;
  const only = parseOnly(ctx.values.only);
  // With --json stdout carries one document only; progress goes to stderr so long runs still talk.
  const progress = json ? ctx.stderr : ctx.stdout;
  const started = performance.now();
  const onProgress = (event: SetupProgress): void => {
    if (event.phase === 'start') {
      progress(`[${event.index}/${event.total}] ${event.spec.name} ${event.spec.version} … `);
    } else {
      progress(`${outcomeText(event.outcome)}\n`);
    }
  };
  const report = await installTools({
    projectRoot: ctx.cwd,
    env: ctx.env,
    ...(only === undefined ? {} : { only }),
    force: ctx.values.force === true,
    onProgress,
  });
  const failure = setupFailure(report);
  const count = (status: ToolInstallOutcome['status']) =>
    report.tools.filter((t) => t.status === status).length;
  const summary = {
    installed: count('installed'),
    alreadyInstalled: count('already-installed'),
    overridden: count('overridden'),
    failed: count('failed'),
  };
  const binDir = path.relative(ctx.cwd, report.binDir) || '.';
  if (json) {
    ctx.stdout(
      `${JSON.stringify({ command: 'setup', ok: failure === undefined, binDir: report.binDir, go: report.go, maven: report.maven, summary, tools: report.tools }, null, 2)}\n`,
    );
  } else if (summary.installed === 0 && summary.failed === 0) {
    const present = summary.alreadyInstalled + summary.overridden;
    ctx.stdout(
      `Nothing to do: ${present} of ${report.tools.length} tools already at the pinned version${summary.overridden > 0 ? ' or overridden' : ''} in ${binDir} (--force reinstalls).\n`,
    );
  } else {
    ctx.stdout(
      `Installed ${summary.installed}, already installed ${summary.alreadyInstalled}, failed ${summary.failed} in ${binDir} (${seconds(performance.now() - started)}${report.go ? ` with ${report.go.version}` : ''}${report.maven ? `${report.go ? ' and' : ' with'} ${report.maven.version}` : ''}).\n`,
    );
  }
  if (failure) throw failure;
  return 0;
}
