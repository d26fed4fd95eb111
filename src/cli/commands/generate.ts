import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  createRunContext,
  GauntletError,
  generateClient,
  generateK6Script,
  generateMswModule,
  type LoadedSource,
  loadConfig,
  loadPaths,
  loadSuiteFile,
  prepareScenarios,
  type Service,
  servicesOf,
} from '../../index.js';
import type { CommandContext } from '../command.js';
import { formatDiagnostic } from '../output.js';

export const GENERATE_USAGE =
  'gauntlet generate client SPEC|SERVICE --out DIR [--name NAME] [--no-validators] [--json] | gauntlet generate msw CONTRACT... --out FILE [--base-url URL] [--runtime MODULE] [--json] | gauntlet generate k6 SUITE --out FILE [--base-url URL] [--json]';

function usageError(message: string): GauntletError {
  return new GauntletError('GAUNTLET_E_USAGE', message, { hint: `Usage: ${GENERATE_USAGE}` });
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Loads the paths; every error of every file is printed, and the command stops on any. */
async function loadServices(ctx: CommandContext, paths: string[]): Promise<Service[] | undefined> {
  const sources: LoadedSource[] = await loadPaths(paths, { cwd: ctx.cwd });
  const failed = sources.filter(
    (s) => !s.skipped && (!s.service || s.diagnostics.some((d) => d.severity === 'error')),
  );
  for (const source of failed) {
    for (const d of source.diagnostics) {
      if (d.severity === 'error') ctx.stderr(`[gauntlet] ${formatDiagnostic(d)}\n`);
    }
  }
  if (failed.length > 0) {
    ctx.stderr(
      `[gauntlet] Failed to generate: because ${failed.length} contract(s) did not load. Fix them first (\`gauntlet inspect\` lists every problem).\n`,
    );
    return undefined;
  }
  const services = servicesOf(sources, paths, 'generate');
  // Paths relative to the project, so generated files do not depend on where it is checked out.
  return services.map((s) => ({
    ...s,
    file: isAbsolute(s.file) ? relative(ctx.cwd, s.file) : s.file,
  }));
}

/** A service key of gauntlet.config.ts → its contracts; anything else is a path. */
async function contractsOf(ctx: CommandContext, target: string): Promise<string[]> {
  const config = await loadConfig(ctx.cwd);
  const configured = config.services?.[target];
  if (configured === undefined) return [target];
  const contracts = configured.contracts ?? [];
  if (contracts.length === 0) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to generate a client for "${target}": because gauntlet.config.ts lists no contracts for it.`,
      { hint: `Add contracts: ['contracts/…'] to services.${target}.` },
    );
  }
  return contracts;
}

function outFlag(ctx: CommandContext): string {
  const out = ctx.values.out;
  if (typeof out !== 'string' || out === '')
    throw usageError('Failed to generate: because --out is missing.');
  return resolve(ctx.cwd, out);
}

async function client(ctx: CommandContext, json: boolean): Promise<number> {
  const [target, ...extra] = ctx.positionals.slice(1);
  if (target === undefined || extra.length > 0) {
    throw usageError('Failed to generate a client: because it takes exactly one SPEC or SERVICE.');
  }
  const out = outFlag(ctx);
  const services = await loadServices(ctx, await contractsOf(ctx, target));
  if (services === undefined) return 1;
  const withOperations = services.filter((s) => s.operations.length > 0);
  if (withOperations.length === 0) {
    throw new GauntletError(
      'GAUNTLET_E_GENERATE',
      `Failed to generate a client for ${target}: because it describes no HTTP operations to call (webhook-only contracts, pacts and message contracts have no client).`,
      { hint: 'Point it at the OpenAPI or RAML contract of the service.' },
    );
  }
  const name = typeof ctx.values.name === 'string' ? ctx.values.name : undefined;
  const report: Array<Record<string, unknown>> = [];
  let warnings = 0;
  for (const service of withOperations) {
    const folder = withOperations.length === 1 ? out : join(out, service.name);
    const started = performance.now();
    const generated = await generateClient(service, {
      source: service.file,
      command: `gauntlet generate client ${target} --out ${relative(ctx.cwd, out) || '.'}`,
      ...(ctx.values['no-validators'] === true ? { validators: false } : {}),
      ...(name !== undefined && withOperations.length === 1 ? { name } : {}),
    });
    const ms = performance.now() - started;
    await mkdir(folder, { recursive: true });
    let bytes = 0;
    for (const file of generated.files) {
      await writeFile(join(folder, file.path), file.text);
      bytes += Buffer.byteLength(file.text);
    }
    for (const d of generated.diagnostics) {
      warnings++;
      if (!json) ctx.stderr(`[gauntlet] ${formatDiagnostic(d)}\n`);
    }
    report.push({
      service: service.name,
      out: relative(ctx.cwd, folder) || '.',
      factory: generated.factory,
      files: generated.files.map((f) => f.path),
      bytes,
      ms: Math.round(ms),
      diagnostics: generated.diagnostics,
    });
    if (!json) {
      ctx.stdout(
        `${service.name} → ${relative(ctx.cwd, folder) || '.'}  ${generated.factory}()  (${generated.files.length} files, ${kb(bytes)}, ${Math.round(ms)} ms)\n`,
      );
    }
  }
  if (json) ctx.stdout(`${JSON.stringify({ clients: report }, null, 2)}\n`);
  else if (warnings > 0) ctx.stderr(`[gauntlet] ${warnings} warning(s) while generating.\n`);
  return 0;
}

async function msw(ctx: CommandContext, json: boolean): Promise<number> {
  const paths = ctx.positionals.slice(1);
  if (paths.length === 0)
    throw usageError('Failed to generate MSW handlers: because no contracts were given.');
  const out = outFlag(ctx);
  const services = await loadServices(ctx, paths);
  if (services === undefined) return 1;
  const text = generateMswModule(services, {
    sources: paths,
    command: [
      `gauntlet generate msw ${paths.join(' ')} --out ${relative(ctx.cwd, out)}`,
      ...(typeof ctx.values.runtime === 'string' ? [`--runtime ${ctx.values.runtime}`] : []),
      ...(typeof ctx.values['base-url'] === 'string'
        ? [`--base-url ${ctx.values['base-url']}`]
        : []),
    ].join(' '),
    language: /\.(?:m?js)$/.test(out) ? 'js' : 'ts',
    ...(typeof ctx.values.runtime === 'string' ? { runtime: ctx.values.runtime } : {}),
    ...(typeof ctx.values['base-url'] === 'string' ? { baseUrl: ctx.values['base-url'] } : {}),
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
  const bytes = Buffer.byteLength(text);
  if (json) {
    ctx.stdout(
      `${JSON.stringify({ out: relative(ctx.cwd, out), services: services.map((s) => s.name), bytes }, null, 2)}\n`,
    );
  } else {
    ctx.stdout(
      `${services.map((s) => s.name).join(', ')} → ${relative(ctx.cwd, out)}  handlers()  (${kb(bytes)})\n`,
    );
  }
  return 0;
}

/** `generate k6 SUITE --out FILE`: a load suite as a k6 script, for teams that run k6 at scale. */
async function k6(ctx: CommandContext, json: boolean): Promise<number> {
  const [suiteFile, ...extra] = ctx.positionals.slice(1);
  if (suiteFile === undefined || extra.length > 0) {
    throw usageError('Failed to generate a k6 script: because it takes exactly one SUITE file.');
  }
  const out = outFlag(ctx);
  const config = await loadConfig(ctx.cwd);
  const root = config.file ? dirname(config.file) : ctx.cwd;
  const loaded = await loadSuiteFile(resolve(ctx.cwd, suiteFile), ctx.cwd);
  const { ctx: runCtx } = createRunContext({ cwd: root, config, env: ctx.env, log: () => {} });
  const { scenarios, headers } = await prepareScenarios(loaded, config, runCtx.load, ctx.cwd);
  const requests = Object.fromEntries(
    Object.entries(scenarios).flatMap(([name, s]) => (s.requests ? [[name, s.requests]] : [])),
  );
  const text = await generateK6Script({
    suite: { ...loaded.suite, headers },
    file: relative(root, loaded.file),
    source: loaded.source,
    requests,
    ...(typeof ctx.values['base-url'] === 'string' ? { baseUrl: ctx.values['base-url'] } : {}),
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
  const scenarioNames = Object.keys(loaded.suite.scenarios);
  if (json) {
    ctx.stdout(
      `${JSON.stringify({ out: relative(ctx.cwd, out), suite: relative(ctx.cwd, loaded.file), scenarios: scenarioNames, bytes: Buffer.byteLength(text) }, null, 2)}\n`,
    );
  } else {
    ctx.stdout(
      `${relative(ctx.cwd, loaded.file)} → ${relative(ctx.cwd, out)}  (${scenarioNames.length} scenarios; run: k6 run -e BASE_URL=http://host:port ${relative(ctx.cwd, out)})\n`,
    );
  }
  return 0;
}

/** `gauntlet generate client|msw|k6 …`: a typed client library, an MSW handlers module, or a k6 script. */
export default async function generate(ctx: CommandContext): Promise<number> {
  const json = ctx.values.json === true;
  const what = ctx.positionals[0];
  if (what === 'client') return client(ctx, json);
  if (what === 'msw') return msw(ctx, json);
  if (what === 'k6') return k6(ctx, json);
  throw usageError(
    `Failed to generate: because "${what ?? ''}" is not something Gauntlet generates (client, msw, k6).`,
  );
}
