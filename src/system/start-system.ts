import { freePort } from '../adapters/process/free-port.js';
import type { ManagedProcess } from '../adapters/process/start-process.js';
import type { GauntletConfig } from '../config.js';
import { GauntletError } from '../errors.js';
import { dependencyOrder } from './dependency-order.js';
import { type RouteDependency, type RunningService, startService } from './start-service.js';

export interface StartSystemOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  config: GauntletConfig;
  /** `config`: each service's configured port (a free one when it has none); `free`: all free. */
  ports: 'config' | 'free';
  host?: string;
  /** Each line a service prints. */
  onLine?: (service: string, line: string, stream: 'stdout' | 'stderr') => void;
  /** Called as soon as each service's process exists, before it is healthy. */
  onSpawn?: (process: ManagedProcess) => void;
  /** Called as each service becomes healthy. */
  onStarted?: (service: RunningService) => void;
  healthTimeoutMs?: number;
  /** Rewrites the URL of each dependency edge, e.g. through a chaos proxy (see RouteDependency). */
  routeDependency?: RouteDependency;
  /** Aborting stops starting further waves (the caller then stops what was spawned). */
  signal?: AbortSignal;
  /**
   * URLs of dependencies that run elsewhere and are not started here (e.g. Gauntlet mocks a
   * chaos experiment puts in place of a service), by service name.
   */
  externalUrls?: Readonly<Record<string, string>>;
}

export interface RunningSystem {
  /** In start order. */
  services: RunningService[];
  /** Service name → base URL. */
  urls: Record<string, string>;
  /** Stops every service by PID, callers first; idempotent. */
  stop(): Promise<void>;
}

/**
 * Groups services into waves: each wave depends only on earlier waves, so a wave can start all
 * at once (orders waits for inventory and payments; those two start together).
 *
 * @example
 * startWaves(config.services); // [['inventory', 'payments', 'notifications'], ['orders'], ['gateway']]
 */
export function startWaves(services: NonNullable<GauntletConfig['services']>): string[][] {
  const order = dependencyOrder(services);
  if (!order.ok) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to order the services: because they depend on each other in a cycle (${order.cycle.join(' → ')}).`,
      { hint: 'Remove one dependsOn entry of the cycle in gauntlet.config.ts.' },
    );
  }
  const depth = new Map<string, number>();
  for (const name of order.order) {
    const deps = services[name]?.dependsOn ?? [];
    depth.set(name, Math.max(0, ...deps.map((d) => (depth.get(d.service) ?? -1) + 1)));
  }
  const waves: string[][] = [];
  for (const name of order.order) {
    const wave = depth.get(name) ?? 0;
    const list = waves[wave] ?? [];
    list.push(name);
    waves[wave] = list;
  }
  return waves;
}

/**
 * Starts every configured service for real, in dependency order (wave by wave, each service
 * health-checked before its callers start), each told its dependencies' URLs. A failed start
 * stops what was started and rethrows.
 *
 * @example
 * const system = await startSystem({ cwd, env: process.env, config, ports: 'free' });
 * await fetch(`${system.urls.gateway}/health`);
 * await system.stop();
 */
export async function startSystem(options: StartSystemOptions): Promise<RunningSystem> {
  const services = options.config.services ?? {};
  const running: RunningService[] = [];
  const urls: Record<string, string> = { ...(options.externalUrls ?? {}) };
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      for (const service of [...running].reverse()) await service.stop();
    })();
    return stopped;
  };
  try {
    for (const wave of startWaves(services)) {
      if (options.signal?.aborted) {
        throw new GauntletError(
          'GAUNTLET_E_SERVICE_START',
          'Failed to start the system: because it was interrupted.',
        );
      }
      const ports = await Promise.all(
        wave.map(async (name) => {
          const configured = services[name]?.port;
          return options.ports === 'config' && configured !== undefined && configured !== 0
            ? configured
            : freePort(options.host);
        }),
      );
      const started = await Promise.allSettled(
        wave.map((name, index) =>
          startService({
            cwd: options.cwd,
            env: options.env,
            name,
            service: services[name]!,
            port: ports[index]!,
            ...(options.host === undefined ? {} : { host: options.host }),
            dependencyUrls: urls,
            ...(options.onLine
              ? { onLine: (line, stream) => options.onLine?.(name, line, stream) }
              : {}),
            ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
            ...(options.healthTimeoutMs === undefined
              ? {}
              : { healthTimeoutMs: options.healthTimeoutMs }),
            ...(options.routeDependency ? { routeDependency: options.routeDependency } : {}),
          }),
        ),
      );
      for (const result of started) {
        if (result.status !== 'fulfilled') continue;
        running.push(result.value);
        urls[result.value.name] = result.value.url;
        options.onStarted?.(result.value);
      }
      const failed = started.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { services: running, urls, stop };
}
