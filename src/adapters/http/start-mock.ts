import { GauntletError } from '../../errors.js';
import { isLoopbackHost } from '../../http/loopback.js';
import { compile } from '../../mock/compile.js';
import {
  createMockHost,
  type HostedEngine,
  type HostScenarios,
  type MockHost,
} from '../../mock/host/create-mock-host.js';
import type { MockEngine, MockRequest, MockResponse } from '../../mock/types.js';
import type { Service } from '../../model/index.js';
import { loadServices } from '../fs/load-services.js';
import { type PathWatcher, watchPaths } from '../watch/watch-paths.js';
import { createAfterResponseRunner } from './after-response.js';
import { type ListeningServer, listen, type ServerTimeouts } from './listen.js';
import { createRequestListener, DEFAULT_MAX_BODY_BYTES } from './request-listener.js';
import { scenarioOverlay } from './scenario-overlay.js';
import { mockNames } from './service-names.js';
import { type RequestActivity, WARM_UP_SLICE_MS, warmUpInBackground } from './warm-up.js';

export interface StartMockOptions {
  /** Contract files or folders to load (ignored when `services` is given). */
  contracts?: string[];
  /** Already loaded services. */
  services?: Service[];
  /** Folder that relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  /** First port (default 4010; 0 = a free port). */
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Each service on its own port: consecutive from `port`, or each a free one when `port` is 0. */
  ports?: boolean;
  validateRequests?: 'on' | 'warn' | 'off';
  validateResponses?: boolean;
  cors?: boolean;
  seed?: number;
  /** Request bodies over this many bytes get 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /** Contract file, service title or service name → mock name (the URL prefix). */
  names?: Record<string, string>;
  /** When set, one line per request: `GET /pets/1 → 200 (0.3 ms)`. */
  log?: (line: string) => void;
  /** Where warnings go (default: stderr). Each distinct warning is printed once. */
  warn?: (line: string) => void;
  timeouts?: ServerTimeouts;
  /** Requests kept in the journal (ring buffer; default 10 000). */
  journalSize?: number;
  /** Serve the admin API on its own port (0 = a free one) instead of under `/__gauntlet/`. */
  adminPort?: number;
  /**
   * Admin requests must carry `Authorization: Bearer <token>`. Default: GAUNTLET_ADMIN_TOKEN.
   * Required when `host` is not a loopback address.
   */
  adminToken?: string;
  /** Stateful scenarios, asked before the contracts (see src/mock/scenarios). */
  scenarios?: HostScenarios;
  /**
   * Scenario files, or folders holding them (`mocks/`), read and compiled instead of
   * `scenarios`: on a shared port each scenario's stubs sit under its service's `/<name>`.
   */
  scenarioPaths?: string[];
  /**
   * Reload when a contract file changes (the `contracts` paths, or each service's file): the new
   * model is compiled and swapped in; a broken edit keeps the old one and is reported on `warn`.
   */
  watch?: boolean | { debounceMs?: number };
  /** Told after each reload attempt (tests wait on it). */
  onReload?: (result: ReloadResult) => void;
}

export type ReloadResult = { ok: true; services: string[] } | { ok: false; error: GauntletError };

export interface RunningMock {
  /** The base URL of the first (or only) server. */
  url: string;
  /** Service name → base URL it is served under. */
  urls: Record<string, string>;
  /** The services served, with the names they are served under, in load order. */
  services: Service[];
  /** The engine behind the first (or only) server (the current one, after reloads; not journaled). */
  readonly engine: MockEngine;
  /** Service name → its engine (the same engine for all when they share a port). */
  readonly engines: Record<string, MockEngine>;
  /** Journal, runtime stubs and admin API around the engines. */
  host: MockHost;
  /** Base URL of the admin API (`<url>/__gauntlet`, or the admin port's). */
  adminUrl: string;
  /** Stops every server, cuts keep-alive sockets, waits for running callbacks; idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the mock server for contracts (or loaded services). One service is served at the root,
 * a drop-in for `prism mock spec.yaml`; several share one port under `/<service-name>` (with a
 * `GET /` listing), or get a port each with `ports: true`.
 *
 * @example
 * const mock = await startMock({ contracts: ['contracts/petstore.yaml'], port: 0 });
 * const pets = await fetch(`${mock.url}/pets`);
 * await mock.close();
 */
export async function startMock(options: StartMockOptions): Promise<RunningMock> {
  const cwd = options.cwd ?? process.cwd();
  // Every file the contracts were read from, $ref and !include targets too: --watch watches them.
  let reads = new Set<string>();
  const loaded =
    options.services ??
    (await loadServices(options.contracts ?? [], cwd, 'start the mock', {
      onRead: (path) => reads.add(path),
    }));
  const services = mockNames(loaded, options.names, cwd);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4010;
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runAfter = createAfterResponseRunner({ warn });
  const log = options.log;
  const logLine =
    log === undefined
      ? undefined
      : (request: MockRequest, response: MockResponse, ms: number): void => {
          const query = request.query === '' ? '' : `?${request.query}`;
          log(
            `${request.method} ${request.path}${query} → ${response.status} (${ms.toFixed(1)} ms)`,
          );
        };
  const baseCompileOptions = {
    ...(options.validateRequests !== undefined
      ? { validateRequests: options.validateRequests }
      : {}),
    ...(options.validateResponses !== undefined
      ? { validateResponses: options.validateResponses }
      : {}),
    ...(options.cors !== undefined ? { cors: options.cors } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  // Every listener counts its requests here; the warm-ups (at start and after a reload) wait
  // while the count moves.
  const activity: RequestActivity = { requests: 0 };
  const listenerOptions = {
    activity,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    runAfter,
    ...(logLine ? { log: logLine } : {}),
  };
  const adminToken = options.adminToken ?? process.env.GAUNTLET_ADMIN_TOKEN;
  if (!isLoopbackHost(host) && (adminToken === undefined || adminToken === '')) {
    throw new GauntletError(
      'GAUNTLET_E_ADMIN_TOKEN_REQUIRED',
      `Failed to start the mock on ${host}: because that address is reachable from other machines and the admin API (/__gauntlet/: journal, runtime stubs, reset) would be open to them.`,
      { hint: 'Pass --admin-token TOKEN (or set GAUNTLET_ADMIN_TOKEN), or bind 127.0.0.1.' },
    );
  }
  const separatePorts = options.ports === true || services.length === 1;
  const mountsFor = (list: Service[]): Record<string, string> => {
    const mounts: Record<string, string> = {};
    for (const service of list) mounts[service.name] = separatePorts ? '' : `/${service.name}`;
    return mounts;
  };
  /** One target per port: each service alone, or all of them under `/<name>`. */
  const buildTargets = (list: Service[]): HostedEngine[] => {
    if (separatePorts) {
      return list.map((service) => ({
        engine: compile([service], baseCompileOptions),
        services: [service],
        mounts: { [service.name]: '' },
      }));
    }
    const mounts = mountsFor(list);
    // The engine answers `GET /` with the list of mounted services.
    return [{ engine: compile(list, { ...baseCompileOptions, mounts }), services: list, mounts }];
  };
  if (options.scenarioPaths !== undefined && options.scenarios !== undefined) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      'Failed to start the mock: because both scenarios and scenarioPaths were given.',
      { hint: 'Pass compiled scenarios or the files to read them from, not both.' },
    );
  }
  const scenarios =
    options.scenarioPaths === undefined
      ? options.scenarios
      : await scenarioOverlay(options.scenarioPaths, {
          cwd,
          services,
          separatePorts,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        });
  const mockHost = createMockHost({
    targets: buildTargets(services),
    adminOnMockPort: options.adminPort === undefined,
    ...(options.journalSize !== undefined ? { journalSize: options.journalSize } : {}),
    ...(adminToken !== undefined && adminToken !== '' ? { adminToken } : {}),
    ...(scenarios !== undefined ? { scenarios } : {}),
  });

  const servers: ListeningServer[] = [];
  const urls: Record<string, string> = {};
  let watcher: PathWatcher | undefined;
  let stopped = false;
  const closeAll = async (): Promise<void> => {
    stopped = true;
    watcher?.close();
    await Promise.all(servers.map((s) => s.close()));
    await runAfter.idle();
  };
  const timeouts = options.timeouts ? { timeouts: options.timeouts } : {};
  let adminUrl = '';

  try {
    if (separatePorts) {
      for (const [index, service] of services.entries()) {
        const server = await listen(
          createRequestListener(mockHost.engineFor(index), listenerOptions),
          {
            host,
            port: port === 0 ? 0 : port + index,
            ...timeouts,
          },
        );
        servers.push(server);
        urls[service.name] = server.url;
      }
    } else {
      const server = await listen(createRequestListener(mockHost.engineFor(0), listenerOptions), {
        host,
        port,
        ...timeouts,
      });
      servers.push(server);
      for (const service of services) urls[service.name] = `${server.url}/${service.name}`;
    }
    adminUrl = `${servers[0]!.url}/__gauntlet`;
    if (options.adminPort !== undefined) {
      const admin = await listen(
        createRequestListener({ handle: (request) => mockHost.admin(request) }, listenerOptions),
        { host, port: options.adminPort, ...timeouts },
      );
      servers.push(admin);
      adminUrl = `${admin.url}/__gauntlet`;
    }
  } catch (error) {
    await closeAll();
    throw error;
  }

  if (options.watch !== undefined && options.watch !== false) {
    const debounceMs = typeof options.watch === 'object' ? options.watch.debounceMs : undefined;
    const paths = options.contracts ?? [...new Set(services.map((s) => s.file))];
    const report = (result: ReloadResult): void => {
      if (!result.ok) warn(`[gauntlet] ${result.error.message} (${result.error.code})`);
      options.onReload?.(result);
    };
    // One reload at a time; a change during a reload runs one more afterwards.
    let running: Promise<void> | undefined;
    let again = false;
    const reload = async (): Promise<void> => {
      const nextReads = new Set<string>();
      try {
        const next = mockNames(
          await loadServices(paths, cwd, 'start the mock', {
            onRead: (path) => nextReads.add(path),
          }),
          options.names,
          cwd,
        );
        if (separatePorts && next.length !== services.length) {
          throw new GauntletError(
            'GAUNTLET_E_MOCK_RELOAD',
            `Failed to reload the contracts: because they now describe ${next.length} service(s) where ${services.length} have their own port.`,
            { hint: 'Restart the mock to serve a different set of services.' },
          );
        }
        const targets = buildTargets(next);
        mockHost.swap(targets);
        // The new engines put off their compile work too; build it in idle slices as at startup.
        for (const target of targets) warmUpInBackground(target.engine, WARM_UP_SLICE_MS, activity);
        report({ ok: true, services: next.map((s) => s.name) });
      } catch (error) {
        const cause = error instanceof GauntletError ? error : undefined;
        const wrapped =
          cause?.code === 'GAUNTLET_E_MOCK_RELOAD'
            ? cause
            : new GauntletError(
                'GAUNTLET_E_MOCK_RELOAD',
                `Failed to reload the contracts: because ${cause ? `${cause.message} (${cause.code})` : String(error)}. The previous version is still served.`,
                { hint: 'Fix the file and save it again.', cause: error },
              );
        report({ ok: false, error: wrapped });
      } finally {
        // A broken edit may have cut a reference: keep watching what the served model came from.
        for (const path of reads) nextReads.add(path);
        await follow(nextReads);
      }
    };
    const schedule = (): void => {
      if (running !== undefined) {
        again = true;
        return;
      }
      running = reload().finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
    };
    const watchOptions = {
      cwd,
      ...(debounceMs !== undefined ? { debounceMs } : {}),
      onError: (error: Error) =>
        warn(`[gauntlet] Failed to watch a contract path: because ${error.message}.`),
    };
    /** Watches the given paths and every file read from them; re-armed when that set changes. */
    const follow = async (next: Set<string>): Promise<void> => {
      if (watcher !== undefined && sameSet(next, reads)) return;
      reads = next;
      watcher?.close();
      const armed = await watchPaths([...new Set([...paths, ...reads])], schedule, watchOptions);
      // Closed while arming: nothing may keep watching.
      if (stopped) armed.close();
      else watcher = armed;
    };
    await follow(reads);
  }

  const first = services[0]!;
  // The contract engines with near-miss answers, not journaled: asking them again, as the
  // vitest helpers do to explain a miss, must not count as a request.
  const engines = (): Record<string, MockEngine> => {
    const out: Record<string, MockEngine> = {};
    services.forEach((service, index) => {
      out[service.name] = mockHost.contractEngine(separatePorts ? index : 0);
    });
    return out;
  };
  return {
    url: servers[0]!.url,
    urls,
    services,
    get engine() {
      return engines()[first.name]!;
    },
    get engines() {
      return engines();
    },
    host: mockHost,
    adminUrl,
    close: closeAll,
  };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}
