import { createExecutor } from '../../adapters/chaos/execute-activity.js';
import type { ManagedProcess } from '../../adapters/process/start-process.js';
import { type RunningToxiproxy, toxiproxyBackend } from '../../adapters/toxiproxy/backend.js';
import type { ActivityRun, ChaosJournal } from '../../chaos/journal.js';
import type { LoadedExperiment } from '../../chaos/parse-experiment.js';
import { experimentError } from '../../chaos/parse-experiment.js';
import { runExperiment } from '../../chaos/run-experiment.js';
import { resolveConfiguration } from '../../chaos/substitute.js';
import { proxyEdges } from '../../chaos/topology.js';
import { unknownProxies } from '../../chaos/validate-experiment.js';
import type { GauntletConfig } from '../../config.js';
import { GauntletError } from '../../errors.js';
import { routeThroughProxies } from '../../system/route-through-proxies.js';
import {
  type DependencyMock,
  type LoadContracts,
  startDependencyMock,
} from '../../system/start-dependency-mock.js';
import { type RunningSystem, startSystem } from '../../system/start-system.js';
import { importModule, loadExperiments } from './load-experiments.js';

export interface ChaosSuiteOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  config: GauntletConfig;
  load: LoadContracts;
  /** Experiment files or folders (default: chaos.experiments, else `chaos/`). */
  experiments?: string[];
  /** `--toxiproxy`: a URL, `docker`, or undefined for a local toxiproxy-server. */
  toxiproxy?: string;
  /** Do not start the services: they run already (with their proxies); values come from `vars`. */
  running?: boolean;
  /** `--var key=value`: configuration values that override the experiments' own. */
  vars?: Record<string, unknown>;
  /** Aborted on Ctrl-C: the current experiment stops, its rollbacks run, everything is stopped. */
  signal?: AbortSignal;
  log?: (line: string) => void;
  onServiceLine?: (service: string, line: string) => void;
}

export interface ChaosSuiteResult {
  journals: ChaosJournal[];
  toxiproxy: { kind: string; url: string; pid?: number };
  /** Proxy name → URL, as created for the topology. */
  proxies: Record<string, string>;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** The services an experiment wants replaced by Gauntlet mocks (`configuration.gauntlet_mocks`). */
function mocksOf(loaded: LoadedExperiment): string[] {
  const value = loaded.experiment.configuration?.gauntlet_mocks;
  return Array.isArray(value) ? value.map(String).sort() : [];
}

/** One line per finished activity, for progress output. */
export function activityLine(run: ActivityRun): string {
  const ok = run.status === 'failed' ? '✗' : run.tolerance_met === false ? '✗' : '✓';
  const why =
    run.status === 'failed'
      ? ` — ${run.exception}`
      : run.tolerance_met === false
        ? ` — out of tolerance: ${JSON.stringify(run.output)?.slice(0, 300)}`
        : '';
  return `    ${ok} ${run.phase.padEnd(9)} ${run.activity.type} ${run.activity.name} (${Math.round(run.duration * 1000)} ms)${why}`;
}

/**
 * Runs chaos experiments against the system of the config: starts Toxiproxy (or uses the one
 * given), starts every service with each dependency edge behind its own proxy
 * (`<consumer>_to_<provider>`; services an experiment lists in `configuration.gauntlet_mocks`
 * are Gauntlet mocks instead), runs the experiments one after the other and returns their
 * journals. After each experiment a final reset removes every toxic left (the journal names any
 * the rollbacks missed) and re-enables every proxy. Everything started is stopped at the end —
 * also after a failure or Ctrl-C (`signal`).
 *
 * @example
 * const result = await runChaosSuite({ cwd, env: process.env, config, load });
 * result.journals.map((j) => displayStatus(j));
 */
export async function runChaosSuite(options: ChaosSuiteOptions): Promise<ChaosSuiteResult> {
  const log = options.log ?? (() => undefined);
  const signal = options.signal ?? new AbortController().signal;
  const paths = options.experiments?.length
    ? options.experiments
    : (options.config.chaos?.experiments ?? ['chaos/']);
  const experiments = await loadExperiments(paths, options.cwd);
  const edges = proxyEdges(options.config);
  const topology = new Set(edges.map((e) => e.name));
  if (!options.running) {
    for (const loaded of experiments) {
      const problems = unknownProxies(loaded.experiment, topology);
      if (problems.length > 0) throw experimentError(loaded.file, problems, loaded.locate);
      const unknownMocks = mocksOf(loaded).filter((m) => !options.config.services?.[m]);
      if (unknownMocks.length > 0) {
        throw experimentError(
          loaded.file,
          [
            {
              pointer: '/configuration/gauntlet_mocks',
              message: `gauntlet_mocks names ${unknownMocks.join(', ')}, not a service of the config`,
            },
          ],
          loaded.locate,
        );
      }
    }
  }
  if (options.running && options.toxiproxy === undefined) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      'Failed to run chaos against a running system: because --running needs --toxiproxy URL (the Toxiproxy its services already go through).',
      {
        hint: 'Pass --toxiproxy http://HOST:PORT, or leave out --running to let Gauntlet start everything.',
      },
    );
  }

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  const journals: ChaosJournal[] = [];
  const proxies: Record<string, string> = {};
  let toxiproxy: RunningToxiproxy | undefined;
  try {
    const backend = toxiproxyBackend(options.toxiproxy ?? options.config.chaos?.toxiproxy, {
      cwd: options.cwd,
      env: options.env,
      onSpawn: (stop) => stops.push(stop),
    });
    log(`toxiproxy: ${backend.describe()}`);
    toxiproxy = await backend.start();
    log(`toxiproxy: ${toxiproxy.url}${toxiproxy.pid ? ` (pid ${toxiproxy.pid})` : ''}`);
    const running = toxiproxy;

    // Experiments that want the same services mocked share one system.
    const groups = new Map<string, LoadedExperiment[]>();
    for (const loaded of experiments) {
      const key = mocksOf(loaded).join(',');
      groups.set(key, [...(groups.get(key) ?? []), loaded]);
    }
    for (const [key, group] of groups) {
      if (signal.aborted) break;
      const mockNames = key === '' ? [] : key.split(',');
      const mocks: Record<string, string> = {};
      let system: RunningSystem | undefined;
      const spawned: ManagedProcess[] = [];
      const stopGroup = async () => {
        await system?.stop();
        await Promise.all(spawned.map((p) => p.stop()));
      };
      stops.push(stopGroup);
      const urls: Record<string, string> = {};
      if (!options.running) {
        const dependencyMocks: DependencyMock[] = [];
        stops.push(async () => {
          for (const mock of dependencyMocks) await mock.close();
        });
        for (const name of mockNames) {
          const consumer = Object.entries(options.config.services ?? {}).find(([, s]) =>
            (s.dependsOn ?? []).some((d) => d.service === name),
          );
          const dep = consumer?.[1].dependsOn?.find((d) => d.service === name) ?? {
            service: name,
            env: `${name.toUpperCase()}_URL`,
          };
          const mock = await startDependencyMock(
            { load: options.load, cwd: options.cwd, config: options.config, dep },
            consumer?.[0] ?? 'chaos',
          );
          dependencyMocks.push(mock);
          mocks[name] = mock.url;
          urls[name] = mock.url;
          log(`mock: ${name} at ${mock.url} (a Gauntlet mock, journaled)`);
        }
        const services = Object.fromEntries(
          Object.entries(options.config.services ?? {}).filter(([n]) => !mockNames.includes(n)),
        );
        system = await startSystem({
          cwd: options.cwd,
          env: options.env,
          config: { ...options.config, services },
          ports: 'free',
          signal,
          routeDependency: routeThroughProxies(running, proxies),
          externalUrls: mocks,
          onSpawn: (p) => spawned.push(p),
          ...(options.onServiceLine ? { onLine: options.onServiceLine } : {}),
          onStarted: (s) =>
            log(`started ${s.name} at ${s.url} (pid ${s.pid}, healthy in ${s.startMs} ms)`),
        });
        Object.assign(urls, system.urls);
      }
      for (const loaded of group) {
        if (signal.aborted) break;
        journals.push(await runOne(loaded, running, urls, mocks, proxies, options, signal, log));
      }
      await stopGroup();
      stops.splice(stops.indexOf(stopGroup), 1);
    }
  } finally {
    if (toxiproxy) {
      const client = toxiproxy.client;
      await client.reset().catch(() => undefined);
    }
    await stopAll();
  }
  return {
    journals,
    toxiproxy: {
      kind: toxiproxy?.kind ?? 'local',
      url: toxiproxy?.url ?? '',
      ...(toxiproxy?.pid === undefined ? {} : { pid: toxiproxy.pid }),
    },
    proxies,
  };
}

async function runOne(
  loaded: LoadedExperiment,
  toxiproxy: RunningToxiproxy,
  urls: Readonly<Record<string, string>>,
  mocks: Readonly<Record<string, string>>,
  proxies: Readonly<Record<string, string>>,
  options: ChaosSuiteOptions,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<ChaosJournal> {
  const { experiment, file } = loaded;
  log(`experiment: ${experiment.title} (${file})`);
  const api = new URL(toxiproxy.url);
  const vars: Record<string, unknown> = {
    toxiproxy_host: api.hostname,
    toxiproxy_port: Number(api.port),
    toxiproxy_url: toxiproxy.url,
  };
  for (const [name, url] of Object.entries(urls)) vars[`${name}_url`] = url;
  for (const [name, url] of Object.entries(proxies)) vars[`${name}_url`] = url;
  const configuration = resolveConfiguration(experiment.configuration, options.env, {
    ...vars,
    ...(options.vars ?? {}),
  });
  const startedAt = Date.now();
  const executor = createExecutor({
    toxiproxy: toxiproxy.client,
    cwd: options.cwd,
    env: options.env,
    mocks,
    configuration,
    startedAt,
    sleep,
    importModule,
  });
  const journal = await runExperiment(
    experiment,
    {
      execute: executor.execute,
      now: () => Date.now(),
      sleep,
      onActivity: (run) => log(activityLine(run)),
    },
    { file, configuration, signal },
  );
  // The final reset: whatever toxic is still on a proxy now was left by this experiment.
  try {
    const left = await toxiproxy.client.proxies();
    for (const proxy of Object.values(left)) {
      for (const toxic of proxy.toxics)
        journal.gauntlet.leftover_toxics.push(`${proxy.name}/${toxic.name}`);
    }
    await toxiproxy.client.reset();
    if (journal.gauntlet.leftover_toxics.length > 0 || executor.disabledProxies.size > 0) {
      executor.timeline.push({
        at: Date.now() - startedAt,
        kind: 'reset',
        label: `final reset: removed ${journal.gauntlet.leftover_toxics.join(', ') || 'no toxic'}, proxies enabled`,
      });
    }
  } catch (error) {
    log(`    ! final reset failed: ${(error as Error).message}`);
  }
  journal.gauntlet.timeline = executor.timeline;
  journal.gauntlet.requests = executor.requests;
  return journal;
}
