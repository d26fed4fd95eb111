import { ERROR_CODES, type ErrorCode, GauntletError } from '../../errors.js';
import { compile } from '../../mock/compile.js';
import type { MockEngine, MockRequest, MockResponse } from '../../mock/types.js';
import { formatLocation, type Service } from '../../model/index.js';
import { loadPaths } from '../fs/load-paths.js';
import { createAfterResponseRunner } from './after-response.js';
import { type ListeningServer, listen, type ServerTimeouts } from './listen.js';
import { createRequestListener, DEFAULT_MAX_BODY_BYTES } from './request-listener.js';
import { mockNames } from './service-names.js';

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
}

export interface RunningMock {
  /** The base URL of the first (or only) server. */
  url: string;
  /** Service name → base URL it is served under. */
  urls: Record<string, string>;
  /** The services served, with the names they are served under, in load order. */
  services: Service[];
  /** The engine behind the first (or only) server. */
  engine: MockEngine;
  /** Service name → its engine (the same engine for all when they share a port). */
  engines: Record<string, MockEngine>;
  /** Stops every server, cuts keep-alive sockets, waits for running callbacks; idempotent. */
  close(): Promise<void>;
}

async function loadServices(contracts: string[], cwd: string): Promise<Service[]> {
  const sources = await loadPaths(contracts, { cwd });
  const errors = sources.flatMap((s) => s.diagnostics.filter((d) => d.severity === 'error'));
  const first = errors[0];
  if (first !== undefined) {
    const code: ErrorCode =
      first.code in ERROR_CODES ? (first.code as ErrorCode) : 'GAUNTLET_E_SPEC_INVALID';
    const where = formatLocation(first.location);
    throw new GauntletError(
      code,
      `Failed to start the mock: because ${errors.length} error(s) were found loading the contracts, the first: ${where ? `${where}: ` : ''}${first.message}`,
      { hint: 'Run `gauntlet inspect` on the same paths to see every error.' },
    );
  }
  const services = sources.flatMap((s) => (s.service ? [s.service] : []));
  if (services.length === 0) {
    throw new GauntletError(
      'GAUNTLET_E_FILE_NOT_FOUND',
      `Failed to start the mock: because no contract was found in ${contracts.join(', ')}.`,
      { hint: 'Pass OpenAPI, RAML, Pact or Hoverfly files, or folders holding them.' },
    );
  }
  return services;
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
  const loaded = options.services ?? (await loadServices(options.contracts ?? [], cwd));
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
  const listenerOptions = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    runAfter,
    ...(logLine ? { log: logLine } : {}),
  };
  const servers: ListeningServer[] = [];
  const urls: Record<string, string> = {};
  const engines: Record<string, MockEngine> = {};
  const closeAll = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.close()));
    await runAfter.idle();
  };

  try {
    if (options.ports === true || services.length === 1) {
      for (const [index, service] of services.entries()) {
        const engine = compile([service], baseCompileOptions);
        const server = await listen(createRequestListener(engine, listenerOptions), {
          host,
          port: port === 0 ? 0 : port + index,
          ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        });
        servers.push(server);
        urls[service.name] = server.url;
        engines[service.name] = engine;
      }
    } else {
      const mounts: Record<string, string> = {};
      for (const service of services) mounts[service.name] = `/${service.name}`;
      const engine = compile(services, { ...baseCompileOptions, mounts });
      // The engine answers `GET /` with the list of mounted services.
      const server = await listen(createRequestListener(engine, listenerOptions), {
        host,
        port,
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      });
      servers.push(server);
      for (const service of services) {
        urls[service.name] = `${server.url}${mounts[service.name]}`;
        engines[service.name] = engine;
      }
    }
  } catch (error) {
    await closeAll();
    throw error;
  }

  const first = services[0]!;
  return {
    url: servers[0]!.url,
    urls,
    services,
    engine: engines[first.name]!,
    engines,
    close: closeAll,
  };
}
