import { dirname } from 'node:path';
import {
  GauntletError,
  loadConfig,
  type RunningToxiproxy,
  routeThroughProxies,
  startSystem,
  toxiproxyBackend,
} from '../../index.js';
import type { CommandContext } from '../command.js';
import { spawnedProcesses, startInterruptibly } from '../start-interruptibly.js';
import { colourEnabled, palette, startedLine } from '../terminal.js';

/**
 * `gauntlet up`: every service of gauntlet.config.ts for real, started in dependency order and
 * health-checked, their URLs printed and their logs tailed; Ctrl-C stops them all by PID. With
 * `--chaos` every dependency edge goes through its own Toxiproxy proxy (`<consumer>_to_<provider>`,
 * a local toxiproxy-server or `--toxiproxy URL|docker`), ready for `gauntlet chaos --running` or
 * `chaos run`.
 */
export default async function up(ctx: CommandContext): Promise<number> {
  const config = await loadConfig(ctx.cwd);
  const names = Object.keys(config.services ?? {});
  if (!config.file || names.length === 0) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to start the system: because ${config.file ? `${config.file} lists no services` : `there is no gauntlet.config.ts in ${ctx.cwd}`}.`,
      {
        hint: 'Describe the services with defineConfig({ services: {...} }); see the README tutorial.',
      },
    );
  }
  const paint = palette(colourEnabled(ctx.env, process.stdout.isTTY === true));
  const width = Math.max(...names.map((n) => n.length));
  const processes = spawnedProcesses((process, how) =>
    ctx.stderr(`${paint.red(`[gauntlet] ${process.name} (pid ${process.pid}) exited`)} (${how})\n`),
  );
  const root = dirname(config.file);
  let toxiproxy: RunningToxiproxy | undefined;
  const proxies: Record<string, string> = {};
  if (ctx.values.chaos === true) {
    const option = ctx.values.toxiproxy;
    toxiproxy = await toxiproxyBackend(
      typeof option === 'string' ? option : config.chaos?.toxiproxy,
      {
        cwd: root,
        env: ctx.env,
      },
    ).start();
    ctx.stdout(
      `${paint.green('✓')} toxiproxy  ${toxiproxy.url}${toxiproxy.pid ? `  (pid ${toxiproxy.pid})` : ''}\n`,
    );
  }
  const stopToxiproxy = async (): Promise<void> => {
    await toxiproxy?.client.reset().catch(() => undefined);
    await toxiproxy?.stop();
  };
  const started = await startInterruptibly({
    start: (signal) =>
      startSystem({
        cwd: root,
        env: ctx.env,
        config,
        ports: ctx.values['free-ports'] === true ? 'free' : 'config',
        signal,
        ...(toxiproxy ? { routeDependency: routeThroughProxies(toxiproxy, proxies) } : {}),
        onSpawn: processes.onSpawn,
        onLine: (name, line) => ctx.stdout(`${paint.dim(`${name.padEnd(width)} |`)} ${line}\n`),
        onStarted: (service) => ctx.stdout(startedLine(service, width, paint)),
      }),
    stop: (system) => system.stop(),
    stopSpawned: processes.stopSpawned,
  });
  if (started.interrupted) {
    await stopToxiproxy();
    ctx.stderr('[gauntlet] interrupted while starting: everything started was stopped\n');
    return 130;
  }
  ctx.stdout(
    `\n${paint.bold('ready')}: ${started.value.services.length} services up. Ctrl-C stops them all.\n`,
  );
  for (const service of started.value.services) {
    ctx.stdout(`  ${service.name.padEnd(width)}  ${service.url}\n`);
  }
  if (toxiproxy) {
    ctx.stdout(`\ntoxiproxy ${toxiproxy.url}, one proxy per edge:\n`);
    for (const [name, url] of Object.entries(proxies).sort()) ctx.stdout(`  ${name}  ${url}\n`);
  }
  await started.stopped;
  processes.stopping();
  ctx.stdout('\nstopping...\n');
  await started.value.stop();
  await stopToxiproxy();
  ctx.stdout('stopped\n');
  return 0;
}
