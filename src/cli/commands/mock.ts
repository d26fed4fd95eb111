import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  displayPath,
  type GauntletConfig,
  GauntletError,
  loadConfig,
  loadScenarioPaths,
  requireTool,
  type Service,
  serveWithHoverfly,
  servicesOf,
  startMock,
  untilSignal,
} from '../../index.js';
import type { CommandContext } from '../command.js';
import { formatDiagnostic, loadWithProgress, requirePaths } from '../output.js';

const USAGE =
  'gauntlet mock PATH... [--port 4010] [--host 127.0.0.1] [--ports] [--no-validate | --validate=warn] [--no-cors] [--seed N] [--log] [--watch] [--admin-port P] [--admin-token T] [--journal-size N] [--engine gauntlet|hoverfly] [--json]';

function usageError(message: string): GauntletError {
  return new GauntletError('GAUNTLET_E_USAGE', message, { hint: `Usage: ${USAGE}` });
}

function integerFlag(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max) {
    throw usageError(
      `Failed to read --${name}: because "${text}" is not an integer from ${min} to ${max}.`,
    );
  }
  return n;
}

function validateMode(ctx: CommandContext): 'on' | 'warn' | 'off' | undefined {
  if (ctx.values['no-validate'] === true) return 'off';
  const value = ctx.values.validate;
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'warn' || value === 'off') return value;
  throw usageError(
    `Failed to read --validate: because "${String(value)}" is not one of on, warn, off.`,
  );
}

/**
 * Mock names from the config: `mock.names` as written, plus each configured service's contract
 * files named after `mockName` (or, for a service with one contract, the service's key).
 */
export function namesFromConfig(config: GauntletConfig, cwd: string): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [key, service] of Object.entries(config.services ?? {})) {
    const contracts = service.contracts ?? [];
    const name = service.mockName ?? (contracts.length === 1 ? key : undefined);
    if (name === undefined) continue;
    for (const contract of contracts) names[resolve(cwd, contract)] = name;
  }
  return { ...names, ...(config.mock?.names ?? {}) };
}

function describe(service: Service): string {
  const parts = [service.format, `${service.operations.length} operations`];
  const stubs = service.interactions.length + (service.hoverfly?.pairs.length ?? 0);
  if (stubs > 0) parts.push(`${stubs} interactions`);
  return parts.join(', ');
}

export default async function mock(ctx: CommandContext): Promise<number> {
  const paths = requirePaths(ctx, USAGE);
  if (!paths) return 2;
  const json = ctx.values.json === true;
  const config = await loadConfig(ctx.cwd);
  const port = integerFlag('port', ctx.values.port, 0, 65535) ?? config.mock?.port ?? 4010;
  const seed = integerFlag('seed', ctx.values.seed, -(2 ** 31), 2 ** 31 - 1);
  const validateRequests = validateMode(ctx);
  const host = String(ctx.values.host);

  // Scenario files among the paths (given, or in a given folder such as mocks/) overlay the
  // contracts; the contract loader is not asked about them.
  const overlay = await loadScenarioPaths(paths, ctx.cwd);
  const scenarioFiles = new Set(overlay.files);
  const contractPaths = paths.filter(
    (p) => !scenarioFiles.has(displayPath(ctx.cwd, resolve(ctx.cwd, p))),
  );

  const sources = await loadWithProgress(ctx, contractPaths, json);
  const failed = sources.filter(
    (s) => !s.skipped && (!s.service || s.diagnostics.some((d) => d.severity === 'error')),
  );
  if (failed.length > 0) {
    if (json) {
      const report = failed.map((s) => ({ file: s.file, diagnostics: s.diagnostics }));
      ctx.stdout(`${JSON.stringify({ ready: false, failed: report }, null, 2)}\n`);
    } else {
      for (const source of failed) {
        for (const d of source.diagnostics) {
          if (d.severity === 'error') ctx.stderr(`[gauntlet] ${formatDiagnostic(d)}\n`);
        }
      }
      ctx.stderr(
        `[gauntlet] Failed to start the mock: because ${failed.length} contract(s) did not load. Fix them, or leave them out of the paths.\n`,
      );
    }
    return 1;
  }
  const services = servicesOf(sources, paths, 'start the mock');
  const engine = ctx.values.engine;
  if (engine === 'hoverfly' && overlay.files.length > 0) {
    throw usageError(
      `Failed to start Hoverfly: because ${overlay.files.join(', ')} ${overlay.files.length === 1 ? 'is a Gauntlet scenario file' : 'are Gauntlet scenario files'}, which only Gauntlet's engine serves. Drop ${overlay.files.length === 1 ? 'it' : 'them'}, or drop --engine hoverfly.`,
    );
  }
  if (engine === 'hoverfly') return mockWithHoverfly(ctx, services, { port, host, json });
  if (engine !== 'gauntlet') {
    throw usageError(
      `Failed to read --engine: because "${String(engine)}" is not one of gauntlet, hoverfly.`,
    );
  }

  const adminPort = integerFlag('admin-port', ctx.values['admin-port'], 0, 65535);
  const journalSize = integerFlag('journal-size', ctx.values['journal-size'], 1, 10_000_000);
  const adminToken =
    typeof ctx.values['admin-token'] === 'string'
      ? ctx.values['admin-token']
      : ctx.env.GAUNTLET_ADMIN_TOKEN;
  const watch = ctx.values.watch === true;
  const running = await startMock({
    services,
    // With --watch the paths are watched as given: a file added to a folder is picked up too.
    contracts: contractPaths,
    ...(overlay.files.length > 0 ? { scenarioPaths: overlay.files } : {}),
    ...(adminPort !== undefined ? { adminPort } : {}),
    ...(adminToken !== undefined && adminToken !== '' ? { adminToken } : {}),
    ...(journalSize !== undefined ? { journalSize } : {}),
    ...(watch
      ? {
          watch: true,
          onReload: (result) => {
            if (result.ok) ctx.stderr(`[gauntlet] reloaded: ${result.services.join(', ')}\n`);
          },
        }
      : {}),
    cwd: ctx.cwd,
    port,
    host,
    ports: ctx.values.ports === true,
    names: namesFromConfig(config, ctx.cwd),
    ...(validateRequests !== undefined ? { validateRequests } : {}),
    ...(ctx.values['no-cors'] === true ? { cors: false } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(ctx.values.log === true ? { log: (line: string) => ctx.stdout(`${line}\n`) } : {}),
    warn: (line) => ctx.stderr(`${line}\n`),
  });
  const signal = untilSignal().promise;

  if (json) {
    const described = running.services.map((s) => ({
      name: s.name,
      url: running.urls[s.name],
      format: s.format,
      file: s.file,
      operations: s.operations.length,
    }));
    ctx.stdout(
      `${JSON.stringify({ ready: true, url: running.url, services: described, ...(overlay.files.length > 0 ? { scenarios: overlay.files } : {}) })}\n`,
    );
  } else {
    const width = Math.max(...running.services.map((s) => s.name.length));
    const urlWidth = Math.max(...running.services.map((s) => running.urls[s.name]!.length));
    for (const service of running.services) {
      const url = running.urls[service.name]!;
      ctx.stdout(
        `${service.name.padEnd(width)}  ${url.padEnd(urlWidth)}  (${describe(service)})\n`,
      );
    }
    const warnings = services.reduce(
      (n, s) => n + s.diagnostics.filter((d) => d.severity === 'warning').length,
      0,
    );
    if (warnings > 0) {
      ctx.stderr(
        `[gauntlet] ${warnings} warning(s) while loading; \`gauntlet inspect\` lists them.\n`,
      );
    }
    if (overlay.files.length > 0) {
      const count = overlay.definitions.length;
      ctx.stdout(
        `scenarios  ${overlay.files.join(', ')}  (${count} scenario${count === 1 ? '' : 's'}, answered before the contracts)\n`,
      );
    }
    if (adminPort !== undefined) ctx.stderr(`[gauntlet] admin API at ${running.adminUrl}\n`);
    if (watch) ctx.stderr(`[gauntlet] watching ${paths.join(', ')} for changes\n`);
    ctx.stdout('ready\n');
  }

  await signal;
  await running.close();
  return 0;
}

/** Flags that mean something to Gauntlet's engine only. */
const GAUNTLET_ONLY = [
  'ports',
  'watch',
  'validate',
  'no-validate',
  'no-cors',
  'seed',
  'admin-token',
];

/**
 * `gauntlet mock --engine hoverfly SIM...`: the real Hoverfly serves the simulations as written
 * (for teams that run Hoverfly already and switch engines without changing files); the log lines
 * and misses come from Hoverfly's journal.
 */
async function mockWithHoverfly(
  ctx: CommandContext,
  services: Service[],
  options: { port: number; host: string; json: boolean },
): Promise<number> {
  const given = GAUNTLET_ONLY.filter((flag) => ctx.given.has(flag));
  if (given.length > 0) {
    throw usageError(
      `Failed to start Hoverfly: because ${given.map((f) => `--${f}`).join(', ')} ${given.length === 1 ? 'applies' : 'apply'} to Gauntlet's engine only. Drop ${given.length === 1 ? 'it' : 'them'}, or drop --engine hoverfly.`,
    );
  }
  const others = services.filter((s) => s.format !== 'hoverfly-v5');
  if (others.length > 0) {
    throw usageError(
      `Failed to start Hoverfly: because ${others.map((s) => `${s.file} (${s.format})`).join(', ')} ${others.length === 1 ? 'is not a Hoverfly simulation' : 'are not Hoverfly simulations'}, and Hoverfly serves simulations only. Serve ${others.length === 1 ? 'it' : 'them'} with Gauntlet (drop --engine hoverfly), or export to Hoverfly first.`,
    );
  }
  const { path: binary } = await requireTool('hoverfly', { projectRoot: ctx.cwd, env: ctx.env });
  const adminPort = integerFlag('admin-port', ctx.values['admin-port'], 0, 65535);
  const journalSize = integerFlag('journal-size', ctx.values['journal-size'], 1, 10_000_000);
  const simulations = await Promise.all(
    services.map(async (s) => ({
      file: s.file,
      text: await readFile(resolve(ctx.cwd, s.file), 'utf8'),
    })),
  );
  const engine = await serveWithHoverfly({
    binary,
    simulations,
    port: options.port,
    host: options.host,
    bodyFilesPath: dirname(resolve(ctx.cwd, services[0]?.file ?? '.')),
    ...(adminPort !== undefined ? { adminPort } : {}),
    ...(journalSize !== undefined ? { journalSize } : {}),
    ...(ctx.values.log === true ? { log: (line: string) => ctx.stdout(`${line}\n`) } : {}),
  });
  const signal = untilSignal().promise;
  for (const w of engine.warnings) ctx.stderr(`[gauntlet] hoverfly: ${w.file}: ${w.message}\n`);
  if (options.json) {
    ctx.stdout(
      `${JSON.stringify({ ready: true, engine: 'hoverfly', url: engine.url, adminUrl: engine.adminUrl, pid: engine.pid, services: services.map((s) => ({ name: s.name, file: s.file, pairs: s.hoverfly?.pairs.length ?? 0 })) })}\n`,
    );
  } else {
    for (const s of services) ctx.stdout(`${s.name}  ${engine.url}  (hoverfly, ${describe(s)})\n`);
    ctx.stderr(
      `[gauntlet] served by Hoverfly (pid ${engine.pid}); its admin API at ${engine.adminUrl}\n`,
    );
    ctx.stdout('ready\n');
  }
  await signal;
  await engine.close();
  return 0;
}
