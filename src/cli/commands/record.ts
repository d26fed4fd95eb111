import { resolve } from 'node:path';
import { GauntletError, type RecordFormat, startRecorder, untilSignal } from '../../index.js';
import type { CommandContext } from '../command.js';

const USAGE =
  'gauntlet record --target URL --out FILE [--port P] [--host H] [--format hoverfly|pact] [--consumer C --provider P] [--redact header,...] [--log] [--json]';

function usageError(message: string): GauntletError {
  return new GauntletError('GAUNTLET_E_USAGE', message, { hint: `Usage: ${USAGE}` });
}

function text(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--redact a,b --redact c` → ['a', 'b', 'c']. */
function list(ctx: CommandContext, name: string): string[] {
  const value = ctx.values[name];
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.flatMap((item) =>
    String(item)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

export default async function record(ctx: CommandContext): Promise<number> {
  const target = text(ctx, 'target');
  const out = text(ctx, 'out');
  if (target === undefined || out === undefined) {
    throw usageError(
      `Failed to start recording: because ${target === undefined ? '--target' : '--out'} is missing.`,
    );
  }
  const format = String(ctx.values.format);
  if (format !== 'hoverfly' && format !== 'pact') {
    throw usageError(`Failed to read --format: because "${format}" is not hoverfly or pact.`);
  }
  const portText = String(ctx.values.port);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw usageError(`Failed to read --port: because "${portText}" is not a port number.`);
  }
  const json = ctx.values.json === true;
  const log = ctx.values.log === true;
  const consumer = text(ctx, 'consumer');
  const provider = text(ctx, 'provider');
  const file = resolve(ctx.cwd, out);
  const recorder = await startRecorder({
    target,
    out: file,
    format: format as RecordFormat,
    port,
    host: String(ctx.values.host),
    redact: list(ctx, 'redact'),
    ...(consumer !== undefined ? { consumer } : {}),
    ...(provider !== undefined ? { provider } : {}),
    onExchange: (exchange, count) => {
      if (log) {
        const { method, path } = exchange.request;
        ctx.stderr(
          `[gauntlet] ${method} ${path} → ${exchange.response.status} (${count} recorded)\n`,
        );
      }
    },
    onError: (error) => ctx.stderr(`[gauntlet] ${error.message} (${error.code})\n`),
  });
  const signal = untilSignal().promise;
  if (json) {
    ctx.stdout(
      `${JSON.stringify({ ready: true, url: recorder.url, target, out: file, format })}\n`,
    );
  } else {
    ctx.stdout(`recording  ${recorder.url} → ${target}  into ${file} (${format})\n`);
    ctx.stdout('ready\n');
  }
  await signal;
  await recorder.close();
  if (!json) ctx.stderr(`[gauntlet] ${recorder.exchanges().length} exchange(s) in ${file}\n`);
  return 0;
}
