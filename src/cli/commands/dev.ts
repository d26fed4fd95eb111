import { dirname } from 'node:path';
import {
  describeMiss,
  freePort,
  GauntletError,
  loadConfig,
  loadPaths,
  startDev,
} from '../../index.js';
import type { CommandContext } from '../command.js';
import { spawnedProcesses, startInterruptibly } from '../start-interruptibly.js';
import { colourEnabled, palette, startedLine } from '../terminal.js';

const USAGE = 'gauntlet dev SERVICE [--real DEP]... [--port N] [--free-ports]';

function usageError(message: string): GauntletError {
  return new GauntletError('GAUNTLET_E_USAGE', message, { hint: `Usage: ${USAGE}` });
}

function portFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw usageError(`Failed to read --port: because "${text}" is not a port from 0 to 65535.`);
  }
  return port;
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * `gauntlet dev SERVICE [--real DEP]...`: mocks of every dependency of SERVICE from their
 * contracts (one port each), the service started against them, its log tailed, and every mock
 * request shown, with misses highlighted once each (nothing in the contract matched: the closest
 * candidates and why they missed; or the contract refused the request: its complaints). `--real DEP` starts DEP for real instead. Ctrl-C stops everything.
 */
export default async function dev(ctx: CommandContext): Promise<number> {
  const [name, ...extra] = ctx.positionals;
  if (name === undefined || extra.length > 0) {
    throw usageError('Failed to start dev: because it takes exactly one SERVICE.');
  }
  const config = await loadConfig(ctx.cwd);
  if (!config.file) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to start dev: because there is no gauntlet.config.ts in ${ctx.cwd}.`,
      {
        hint: 'Describe the services with defineConfig({ services: {...} }); see the README tutorial.',
      },
    );
  }
  const root = dirname(config.file);
  const port = portFlag(ctx.values.port);
  const free = ctx.values['free-ports'] === true;
  const paint = palette(colourEnabled(ctx.env, process.stdout.isTTY === true));
  const names = Object.keys(config.services ?? {});
  const width = Math.max(12, ...names.map((n) => n.length + 7));
  const processes = spawnedProcesses((process, how) =>
    ctx.stderr(`${paint.red(`[gauntlet] ${process.name} (pid ${process.pid}) exited`)} (${how})\n`),
  );
  const started = await startInterruptibly({
    start: () =>
      startDev({
        cwd: root,
        env: ctx.env,
        config,
        load: (paths) => loadPaths([...paths], { cwd: root }),
        service: name,
        real: list(ctx.values.real),
        portFor: async (service) => {
          if (service === name && port !== undefined && port !== 0) return port;
          const configured = config.services?.[service]?.port;
          if (free || port === 0 || configured === undefined || configured === 0) return freePort();
          return configured;
        },
        onSpawn: processes.onSpawn,
        onLine: (service, line) =>
          ctx.stdout(`${paint.dim(`${service.padEnd(width)} |`)} ${line}\n`),
        onHit: (hit) => {
          const who = `${hit.dependency} mock`.padEnd(width);
          ctx.stdout(
            hit.miss
              ? `${paint.red(`${who} | MISS ${describeMiss(hit.miss)}`)}\n`
              : `${paint.dim(`${who} |`)} ${hit.line}\n`,
          );
        },
        onMock: (mock) =>
          ctx.stdout(
            `${paint.green('✓')} ${`${mock.name} (mock)`.padEnd(width)}  ${mock.url}  from ${mock.contracts.join(', ')}\n`,
          ),
        onStarted: (service) => ctx.stdout(startedLine(service, width, paint)),
      }),
    stop: (session) => session.stop(),
    stopSpawned: processes.stopSpawned,
  });
  if (started.interrupted) {
    ctx.stderr('[gauntlet] interrupted while starting: everything started was stopped\n');
    return 130;
  }
  const session = started.value;
  const main = session.services.find((s) => s.name === name)!;
  ctx.stdout(
    `\n${paint.bold('ready')}: ${name} at ${main.url} (pid ${main.pid}); ${session.mocks.length} mocks, ${
      session.services.length - 1
    } real dependencies. Mock misses show as MISS. Ctrl-C stops everything.\n`,
  );
  await started.stopped;
  processes.stopping();
  ctx.stdout('\nstopping...\n');
  await session.stop();
  ctx.stdout('stopped\n');
  return 0;
}
