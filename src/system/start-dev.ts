import type { ManagedProcess } from '../adapters/process/start-process.js';
import type { DependencyConfig, GauntletConfig } from '../config.js';
import { GauntletError } from '../errors.js';
import { dependencyOrder } from './dependency-order.js';
import {
  type DependencyMock,
  dependencyContracts,
  type LoadContracts,
  type MockHit,
  startDependencyMock,
} from './start-dependency-mock.js';
import { type RouteDependency, type RunningService, startService } from './start-service.js';

export interface StartDevOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  config: GauntletConfig;
  load: LoadContracts;
  /** The service being developed (a key of `services`). */
  service: string;
  /** Dependencies to start for real instead of mocking them. */
  real?: readonly string[];
  /** The port each started service gets. */
  portFor: (name: string) => Promise<number>;
  onLine?: (service: string, line: string, stream: 'stdout' | 'stderr') => void;
  onHit?: (hit: MockHit) => void;
  onSpawn?: (process: ManagedProcess) => void;
  /** Called as each mock or service is up, so a caller can show progress and stop them. */
  onMock?: (mock: DependencyMock & { contracts: string[] }) => void;
  onStarted?: (service: RunningService) => void;
  /** Rewrites the URL of each dependency edge (mocked or real), e.g. through a chaos proxy. */
  routeDependency?: RouteDependency;
}

export interface DevSession {
  /** The developed service and the dependencies started for real, in start order. */
  services: RunningService[];
  mocks: Array<DependencyMock & { contracts: string[] }>;
  stop(): Promise<void>;
}

function unknownService(name: string, config: GauntletConfig, what: string): GauntletError {
  const known = Object.keys(config.services ?? {}).join(', ') || 'none';
  return new GauntletError(
    'GAUNTLET_E_USAGE',
    `Failed to start dev: because ${what} "${name}" is not a service of gauntlet.config.ts (services: ${known}).`,
    { hint: 'Usage: gauntlet dev SERVICE [--real DEP]...' },
  );
}

/** One mock per dependency service and contract set: two callers of inventory share one. */
function mockKey(config: GauntletConfig, dep: DependencyConfig): string {
  return JSON.stringify([dep.service, dependencyContracts(config, dep), dep.path ?? '']);
}

/**
 * The developers' loop: the service started for real with every dependency mocked from its
 * contracts (one mock per dependency, free ports), except those in `real`, which are started
 * for real too (their own dependencies mocked in turn, unless also real). Everything is
 * started in dependency order; a failure stops what was started and rethrows.
 *
 * @example
 * const session = await startDev({ cwd, env: process.env, config, load, service: 'orders',
 *   portFor: () => freePort() });
 * await session.stop();
 */
export async function startDev(options: StartDevOptions): Promise<DevSession> {
  const { config } = options;
  const services = config.services ?? {};
  if (!(options.service in services)) throw unknownService(options.service, config, 'service');
  for (const name of options.real ?? []) {
    if (!(name in services)) throw unknownService(name, config, '--real');
  }
  const real = new Set([options.service, ...(options.real ?? [])]);
  const order = dependencyOrder(services);
  const startOrder = (order.ok ? order.order : [...real]).filter((name) => real.has(name));

  const started: RunningService[] = [];
  const mocks = new Map<string, DependencyMock & { contracts: string[] }>();
  const stop = async (): Promise<void> => {
    for (const service of [...started].reverse()) await service.stop();
    await Promise.all([...mocks.values()].map((m) => m.close()));
  };
  try {
    for (const name of startOrder) {
      const service = services[name]!;
      const urls: Record<string, string> = {};
      for (const dep of service.dependsOn ?? []) {
        const realDep = started.find((s) => s.name === dep.service);
        if (realDep) {
          urls[dep.service] = realDep.url;
          continue;
        }
        const key = mockKey(config, dep);
        let mock = mocks.get(key);
        if (!mock) {
          const running = await startDependencyMock(
            {
              load: options.load,
              cwd: options.cwd,
              config,
              dep,
              ...(options.onHit ? { onHit: options.onHit } : {}),
            },
            name,
          );
          mock = { ...running, contracts: dependencyContracts(config, dep) };
          mocks.set(key, mock);
          options.onMock?.(mock);
        }
        urls[dep.service] = mock.url;
      }
      const running = await startService({
        cwd: options.cwd,
        env: options.env,
        name,
        service,
        port: await options.portFor(name),
        dependencyUrls: urls,
        ...(options.onLine
          ? { onLine: (line, stream) => options.onLine?.(name, line, stream) }
          : {}),
        ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
        ...(options.routeDependency ? { routeDependency: options.routeDependency } : {}),
      });
      started.push(running);
      options.onStarted?.(running);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { services: started, mocks: [...mocks.values()], stop };
}
