import { type LoadedSuite, suiteError } from '../../adapters/load/load-suite-file.js';
import { type LoadProgress, runLoad } from '../../adapters/load/run-load.js';
import { runVegeta } from '../../adapters/load/run-vegeta.js';
import { freePort } from '../../adapters/process/free-port.js';
import type { ManagedProcess } from '../../adapters/process/start-process.js';
import type { GauntletConfig } from '../../config.js';
import { GauntletError } from '../../errors.js';
import { type PreparedRequest, requestsIteration } from '../../load/requests-iteration.js';
import type { LoadSummary } from '../../load/summary.js';
import type { IterationFunction, Scenario } from '../../load/types.js';
import { suiteMetrics } from '../../load/validate-suite.js';
import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { Service } from '../../model/index.js';
import type { LoadContracts } from '../../system/start-dependency-mock.js';
import { startDev } from '../../system/start-dev.js';
import { startSystem } from '../../system/start-system.js';
import { prepareRequests } from './prepare-requests.js';

/** Which engine drives a load suite: the built-in one, or vegeta (`--engine vegeta`). */
export type LoadEngine = 'builtin' | 'vegeta';

export interface RunSuiteOptions {
  loaded: LoadedSuite;
  /** The config's folder. */
  cwd: string;
  config: GauntletConfig;
  env: Record<string, string | undefined>;
  load: LoadContracts;
  /** Send the load here instead of starting the system from the config. */
  target?: string;
  engine?: LoadEngine;
  /** Threads for the built-in engine (see RunLoadOptions.workers). */
  workers?: number | 'auto';
  log?: (line: string) => void;
  onProgress?: (progress: LoadProgress) => void;
  /** Registers every started process so an interrupted run stops it (returns an undo). */
  defer?: (cleanup: () => Promise<void>) => () => void;
  signal?: AbortSignal;
  isStdOutTTY?: boolean;
  isStdErrTTY?: boolean;
}

/** The HTTP contract of a config service (the first of its contracts with operations). */
async function serviceModel(
  config: GauntletConfig,
  name: string,
  load: LoadContracts,
): Promise<Service | undefined> {
  const paths = config.services?.[name]?.contracts ?? [];
  if (paths.length === 0) return undefined;
  const sources = await load(paths);
  return sources
    .flatMap((s) => (s.service ? [s.service] : []))
    .find((s) => s.operations.length > 0);
}

function unknownService(name: string, config: GauntletConfig, file: string): GauntletError {
  const known = Object.keys(config.services ?? {}).join(', ') || 'none';
  return new GauntletError(
    'GAUNTLET_E_LOAD_SUITE',
    `Failed to run the suite ${file}: because its service "${name}" is not in gauntlet.config.ts (services: ${known}).`,
    { hint: 'Set service to a key of services in gauntlet.config.ts, or pass --target URL.' },
  );
}

/** A scenario ready to run: its iteration, and its prepared requests when it is declarative. */
export interface PreparedScenario {
  scenario: Scenario;
  iteration: IterationFunction;
  requests?: PreparedRequest[];
}

/**
 * Turns a suite's scenarios into iterations: `requests` prepared (contract operations built
 * from the service's examples, checked against its schema), `exec` functions looked up. Every
 * request that cannot be prepared is reported at once, as file:line.
 *
 * @example
 * const { scenarios, headers } = await prepareScenarios(loaded, config, load, cwd);
 */
export async function prepareScenarios(
  loaded: LoadedSuite,
  config: GauntletConfig,
  load: LoadContracts,
  cwd: string,
): Promise<{ scenarios: Record<string, PreparedScenario>; headers: Record<string, string> }> {
  const { suite } = loaded;
  const serviceName = suite.service;
  if (serviceName !== undefined && !(serviceName in (config.services ?? {}))) {
    throw unknownService(serviceName, config, loaded.file);
  }
  const headers =
    suite.headers ??
    (serviceName ? config.services?.[serviceName]?.requestHeaders : undefined) ??
    {};
  const needsContract = Object.values(suite.scenarios).some((s) =>
    (s.requests ?? []).some((r) => typeof r === 'string'),
  );
  const model =
    needsContract && serviceName ? await serviceModel(config, serviceName, load) : undefined;
  const compiler = model ? createSchemaCompiler(model.schemas) : undefined;
  const scenarios: Record<string, PreparedScenario> = {};
  const problems: Array<{ message: string; needle: string }> = [];
  for (const [name, scenario] of Object.entries(suite.scenarios)) {
    if (scenario.requests) {
      const prepared = prepareRequests(scenario.requests, {
        ...(model ? { service: model } : {}),
        ...(compiler ? { compiler } : {}),
        headers: {},
      });
      problems.push(
        ...prepared.problems.map((p) => ({ ...p, message: `scenario "${name}": ${p.message}` })),
      );
      scenarios[name] = {
        scenario,
        iteration: requestsIteration(prepared.requests),
        requests: prepared.requests,
      };
    } else {
      const fn = suite.exec?.[scenario.exec ?? 'default'];
      if (fn) scenarios[name] = { scenario, iteration: fn as IterationFunction };
    }
  }
  if (problems.length > 0) throw suiteError(loaded.file, loaded.source, problems, cwd);
  return { scenarios, headers };
}

/**
 * Runs one load suite: prepares its iterations (contract operations built from examples and
 * checked against the schema), starts what it targets — the whole system from the config, or
 * the suite's service alone against Gauntlet mocks of its dependencies, or nothing with
 * `target` — runs the scenarios with the chosen engine and stops everything it started.
 *
 * @example
 * const summary = await runSuite({ loaded, cwd, config, env: process.env, load });
 */
export async function runSuite(options: RunSuiteOptions): Promise<LoadSummary> {
  const { loaded, config } = options;
  const { suite } = loaded;
  const log = options.log ?? (() => {});
  const { scenarios, headers } = await prepareScenarios(loaded, config, options.load, options.cwd);
  const serviceName = suite.service;

  let baseUrl = options.target;
  let stop: () => Promise<void> = async () => {};
  const spawned: ManagedProcess[] = [];
  const undefer = options.defer?.(async () => {
    await Promise.all(spawned.map((p) => p.stop()));
  });
  try {
    if (baseUrl === undefined) {
      if (!serviceName) {
        throw new GauntletError(
          'GAUNTLET_E_USAGE',
          `Failed to run the suite ${loaded.file}: because it names no service and no --target was given.`,
          { hint: "Set service: 'NAME' in the suite, or pass --target http://host:port." },
        );
      }
      const env = { ...options.env, ...suite.env };
      if (suite.dependencies === 'mocked') {
        log(`starting ${serviceName} against mocks of its dependencies`);
        const session = await startDev({
          cwd: options.cwd,
          env,
          config,
          load: options.load,
          service: serviceName,
          portFor: () => freePort(),
          onSpawn: (p) => spawned.push(p),
          onMock: (m) => log(`  mock of ${m.name} at ${m.url}`),
        });
        stop = () => session.stop();
        baseUrl = session.services.find((s) => s.name === serviceName)?.url;
      } else {
        log('starting the system from gauntlet.config.ts');
        const system = await startSystem({
          cwd: options.cwd,
          env,
          config,
          ports: 'free',
          onSpawn: (p) => spawned.push(p),
          onStarted: (s) => log(`  ${s.name} healthy at ${s.url}`),
        });
        stop = () => system.stop();
        baseUrl = system.urls[serviceName];
      }
      if (baseUrl === undefined) throw unknownService(serviceName, config, loaded.file);
    }
    log(`load: ${suite.name ?? loaded.file} → ${baseUrl}`);
    const common = {
      suite: suite.name ?? loaded.file,
      baseUrl,
      thresholds: loaded.thresholds,
      metrics: suiteMetrics(suite),
      headers,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      isStdOutTTY: options.isStdOutTTY ?? false,
      isStdErrTTY: options.isStdErrTTY ?? false,
    };
    if (options.engine === 'vegeta') {
      return await runVegeta({ ...common, scenarios, cwd: options.cwd, env: options.env });
    }
    return await runLoad({
      ...common,
      scenarios,
      ...(suite.setup ? { setup: suite.setup } : {}),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    });
  } finally {
    await stop();
    undefer?.();
  }
}
