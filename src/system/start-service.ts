import { isAbsolute, resolve } from 'node:path';
import { type ManagedProcess, startProcess } from '../adapters/process/start-process.js';
import { waitForHealth } from '../adapters/process/wait-for-health.js';
import type { DependencyConfig, ServiceConfig } from '../config.js';
import { GauntletError } from '../errors.js';

/** One dependency edge of the system: `consumer` calls `provider` at `url`. */
export interface DependencyEdge {
  consumer: string;
  provider: string;
  /** The provider's base URL (a real service or a mock), before `path` is appended. */
  url: string;
  /** The environment variable the consumer reads the URL from. */
  env: string;
}

/**
 * Decides the base URL a consumer is given for one of its dependencies: the hook where a
 * wrapper (a Toxiproxy proxy for chaos, a recording proxy…) is put between two services.
 * Return `edge.url` to leave the edge alone. Called once per edge, before the consumer starts.
 *
 * @example
 * const routeDependency: RouteDependency = async (edge) =>
 *   edge.provider === 'payments' ? (await proxy.create(edge)).url : edge.url;
 */
export type RouteDependency = (edge: DependencyEdge) => string | Promise<string>;

export interface StartServiceOptions {
  /** The config folder: the service's command, args and `start.cwd` are relative to it. */
  cwd: string;
  /** The environment to inherit (PATH, NODE_OPTIONS...). */
  env: Record<string, string | undefined>;
  /** The service's key in the config. */
  name: string;
  service: ServiceConfig;
  /** The port to pass as PORT; must be a real port (take a free one from freePort()). */
  port: number;
  host?: string;
  /** Dependency service name → the base URL it should call (a real service or a mock). */
  dependencyUrls: Readonly<Record<string, string>>;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Called as soon as the process exists (before it is healthy), so an interrupt can stop it. */
  onSpawn?: (process: ManagedProcess) => void;
  healthTimeoutMs?: number;
  /** Rewrites the URL of each dependency edge (see {@link RouteDependency}); default: as is. */
  routeDependency?: RouteDependency;
}

export interface RunningService {
  name: string;
  url: string;
  pid: number;
  process: ManagedProcess;
  /** How long it took from spawn to its first healthy answer. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * The environment variables a service learns its dependencies from: each dependency's `env`
 * set to its base URL plus `path`. A dependency missing from `urls` is left unset.
 *
 * @example
 * dependencyEnv([{ service: 'inventory', env: 'INVENTORY_URL' }], { inventory: 'http://127.0.0.1:4102' });
 * // { INVENTORY_URL: 'http://127.0.0.1:4102' }
 */
export function dependencyEnv(
  dependsOn: readonly DependencyConfig[],
  urls: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const dep of dependsOn) {
    const url = urls[dep.service];
    if (url !== undefined) env[dep.env] = `${url}${dep.path ?? ''}`;
  }
  return env;
}

/**
 * The dependency URLs one consumer gets, each edge passed through `route` (when given).
 *
 * @example
 * await routedUrls('orders', dependsOn, { payments: 'http://127.0.0.1:4103' }, (e) => e.url);
 */
export async function routedUrls(
  consumer: string,
  dependsOn: readonly DependencyConfig[],
  urls: Readonly<Record<string, string>>,
  route: RouteDependency | undefined,
): Promise<Record<string, string>> {
  if (route === undefined) return { ...urls };
  const routed: Record<string, string> = { ...urls };
  for (const dep of dependsOn) {
    const url = urls[dep.service];
    if (url === undefined) continue;
    routed[dep.service] = await route({ consumer, provider: dep.service, url, env: dep.env });
  }
  return routed;
}

/**
 * Starts one configured service as a child process (env PORT, HOST, the dependency URLs and its
 * own `start.env`) and waits until its health path answers 2xx. On a failed start the process is
 * stopped and GAUNTLET_E_SERVICE_START is thrown with its last output.
 *
 * @example
 * const inventory = await startService({ cwd, env: process.env, name: 'inventory',
 *   service: config.services.inventory, port: await freePort(), dependencyUrls: {} });
 * await inventory.stop();
 */
export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const { service, name } = options;
  const start = service.start;
  if (start === undefined) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to start ${name}: because services.${name} has no \`start\` command in gauntlet.config.ts.`,
      { hint: "Add start: { command: 'node', args: ['main.js'] } to the service." },
    );
  }
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host}:${options.port}`;
  const dependencyUrls = await routedUrls(
    name,
    service.dependsOn ?? [],
    options.dependencyUrls,
    options.routeDependency,
  );
  const command =
    start.command.startsWith('.') && !isAbsolute(start.command)
      ? resolve(options.cwd, start.command)
      : start.command;
  const process = await startProcess({
    name,
    command,
    args: start.args ?? [],
    cwd: resolve(options.cwd, start.cwd ?? '.'),
    env: {
      ...options.env,
      ...(start.env ?? {}),
      ...dependencyEnv(service.dependsOn ?? [], dependencyUrls),
      PORT: String(options.port),
      HOST: host,
    },
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
  options.onSpawn?.(process);
  let startMs: number;
  try {
    startMs = await waitForHealth(process, `${url}${service.health ?? '/health'}`, {
      ...(options.healthTimeoutMs === undefined ? {} : { timeoutMs: options.healthTimeoutMs }),
    });
  } catch (error) {
    await process.stop();
    throw error;
  }
  return {
    name,
    url,
    pid: process.pid,
    process,
    startMs: Math.round(startMs),
    stop: async () => {
      await process.stop();
    },
  };
}
