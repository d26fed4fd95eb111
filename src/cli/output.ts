import { type Diagnostic, formatLocation, type LoadedSource, loadPaths } from '../index.js';
import type { CommandContext } from './command.js';

/** `file:line:col  error  CODE  message` — one diagnostic per line, for people. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.location);
  const at = d.path && !d.location?.pointer ? ` (at ${d.path})` : '';
  return `${where ? `${where}  ` : ''}${d.severity}  ${d.code}  ${d.message}${at}`;
}

/**
 * A progress reporter on stderr: rewrites one line on a terminal, prints nothing when stderr is
 * not a terminal (CI logs stay clean) or when JSON output is asked for.
 */
export function progress(
  ctx: CommandContext,
  enabled: boolean,
): {
  update: (text: string) => void;
  done: () => void;
} {
  const tty = enabled && process.stderr.isTTY === true;
  let shown = false;
  return {
    update(text) {
      if (!tty) return;
      const width = process.stderr.columns ?? 80;
      ctx.stderr(`\r\x1b[2K${text.slice(0, width - 1)}`);
      shown = true;
    },
    done() {
      if (shown) ctx.stderr('\r\x1b[2K');
      shown = false;
    },
  };
}

/** Rejects a command run without paths, the same way for every command. */
export function requirePaths(ctx: CommandContext, usage: string): string[] | undefined {
  if (ctx.positionals.length > 0) return ctx.positionals;
  ctx.stderr(`[gauntlet] No paths given (GAUNTLET_E_USAGE).\nUsage: ${usage}\n`);
  return undefined;
}

/**
 * Loads the paths given to a command (`--strict` honoured), with a progress line on a terminal
 * (none with --json): how inspect, lint and mock read their contracts.
 */
export async function loadWithProgress(
  ctx: CommandContext,
  paths: string[],
  json: boolean,
  doing = 'loading',
): Promise<LoadedSource[]> {
  const bar = progress(ctx, !json);
  try {
    return await loadPaths(paths, {
      cwd: ctx.cwd,
      onProgress: (file, i, total) => bar.update(`[${i + 1}/${total}] ${doing} ${file}`),
      strict: ctx.values.strict === true,
    });
  } finally {
    bar.done();
  }
}
