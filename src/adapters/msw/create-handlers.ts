import { HttpHandler } from 'msw';
import { GauntletError } from '../../errors.js';
import { type CompileOptions, compile } from '../../mock/compile.js';
import {
  createMockHost,
  type HostedEngine,
  type MockHost,
} from '../../mock/host/create-mock-host.js';
import type { AfterResponse, MockEngine } from '../../mock/types.js';
import type { Service } from '../../model/index.js';
import { toMockRequest } from './to-mock-request.js';
import { toResponse } from './to-response.js';

export interface CreateHandlersOptions extends CompileOptions {
  /** The loaded model: services from `loadSource`/`loadPaths`, or the JSON a generated module embeds. */
  contracts: readonly Service[];
  /**
   * Where the services are served. One URL: one service at its root, several under
   * `/<service-name>` (exactly as `gauntlet mock` serves them on one port). A record: service
   * name → its own base URL (as `gauntlet mock --ports`).
   */
  baseUrl: string | Readonly<Record<string, string>>;
  /** Where engine warnings go (each distinct line once). Default: `console.warn`. */
  onWarning?: (line: string) => void;
  /** Fire OpenAPI callbacks after answering, with `fetch` (default true, as `gauntlet mock`). */
  callbacks?: boolean;
  /** The fetch callbacks are fired with (default: globalThis.fetch). */
  fetch?: typeof fetch;
}

interface Served {
  origin: string;
  basePath: string;
  /** The host's view of this base URL (journal, runtime stubs, near misses), set once built. */
  engine?: MockEngine;
  target: HostedEngine;
}

function splitBase(baseUrl: string): { origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to create MSW handlers: because the base URL "${baseUrl}" is not an absolute URL.`,
      { hint: 'Pass a full URL such as http://localhost:4010 or http://api.test/v1.' },
    );
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

function inside(url: URL, served: Served): boolean {
  if (url.origin !== served.origin) return false;
  const { basePath } = served;
  return basePath === '' || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
}

function servedList(options: CreateHandlersOptions): Served[] {
  const { contracts, baseUrl, ...rest } = options;
  const compileOptions: CompileOptions = {};
  if (rest.validateRequests !== undefined) compileOptions.validateRequests = rest.validateRequests;
  if (rest.validateResponses !== undefined)
    compileOptions.validateResponses = rest.validateResponses;
  if (rest.cors !== undefined) compileOptions.cors = rest.cors;
  if (rest.seed !== undefined) compileOptions.seed = rest.seed;
  if (rest.mounts !== undefined) compileOptions.mounts = rest.mounts;
  if (typeof baseUrl === 'string') {
    const services = [...contracts];
    const mounts =
      compileOptions.mounts ??
      Object.fromEntries(services.map((sv) => [sv.name, services.length > 1 ? `/${sv.name}` : '']));
    const engine = compile(services, { ...compileOptions, mounts });
    return [{ ...splitBase(baseUrl), target: { engine, services, mounts } }];
  }
  return contracts.map((service) => {
    const url = baseUrl[service.name];
    if (url === undefined) {
      throw new GauntletError(
        'GAUNTLET_E_CONFIG',
        `Failed to create MSW handlers: because no base URL is given for the service "${service.name}".`,
        { hint: `Add "${service.name}" to baseUrl, or pass one URL for all services.` },
      );
    }
    const mounts = { [service.name]: '' };
    const engine = compile([service], { ...compileOptions, mounts });
    return { ...splitBase(url), target: { engine, services: [service], mounts } };
  });
}

/** The mock host behind a set of handlers (journal, runtime stubs), as `gauntlet mock` has one. */
const HOSTS = new WeakMap<readonly HttpHandler[], MockHost>();

/** The mock host answering behind handlers made by `createHandlers` (its journal, its stubs). */
export function mockHostOf(handlers: readonly HttpHandler[]): MockHost | undefined {
  return HOSTS.get(handlers);
}

/**
 * MSW 2 request handlers answered by Gauntlet's mock engine: the same routing, request
 * validation, `Prefer` handling and examples as `gauntlet mock`, in-process. Works with
 * `setupServer` (Node) and `setupWorker` (browser): nothing here needs Node APIs. Requests
 * outside the base URL(s) fall through to the next handler; per-test overrides stay plain MSW
 * (`server.use(...)` goes first).
 *
 * @example
 * const server = setupServer(...createHandlers({ contracts: services, baseUrl: 'http://api.test' }));
 * server.listen({ onUnhandledRequest: 'error' });
 */
export function createHandlers(options: CreateHandlersOptions): HttpHandler[] {
  const served = servedList(options);
  // The same host `gauntlet mock` answers through: runtime stubs, scenarios' slot, the journal,
  // and routing misses that name the closest operations. Each base URL is one of its "ports".
  const host = createMockHost({ targets: served.map((entry) => entry.target) });
  served.forEach((entry, index) => {
    entry.engine = host.engineFor(index);
  });
  const warned = new Set<string>();
  const warn = options.onWarning ?? ((line: string) => console.warn(line));
  const fireCallbacks = options.callbacks ?? true;
  const runAfter = (after: readonly AfterResponse[]): void => {
    for (const item of after) {
      if (item.kind === 'warning') {
        const line = `[gauntlet] ${item.message} (${item.code})`;
        if (!warned.has(line)) {
          warned.add(line);
          warn(line);
        }
      } else if (fireCallbacks) {
        const doFetch = options.fetch ?? globalThis.fetch;
        const init: RequestInit = { method: item.method, headers: item.headers };
        if (item.body !== undefined) init.body = new Uint8Array(item.body);
        doFetch(item.url, init).then(
          (answer) => answer.arrayBuffer(),
          (error: unknown) =>
            warn(
              `[gauntlet] callback ${item.name} failed: ${item.method} ${item.url}: ${error instanceof Error ? error.message : String(error)}.`,
            ),
        );
      }
    }
  };
  const handlers = served.map(
    (entry) =>
      new HttpHandler(
        /.*/,
        ({ request }) => inside(new URL(request.url), entry),
        async ({ request }) => {
          const record = await toMockRequest(request, entry.basePath);
          const answer = entry.engine!.handle(record);
          if (answer.after !== undefined && answer.after.length > 0) {
            // After the response is handed back, as the node adapter does on 'finish'.
            const after = answer.after;
            queueMicrotask(() => runAfter(after));
          }
          return toResponse(answer, record.method);
        },
      ),
  );
  HOSTS.set(handlers, host);
  return handlers;
}
