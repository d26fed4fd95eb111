import { type RunningMock, startMock } from '../adapters/http/start-mock.js';
import type { DependencyConfig, GauntletConfig } from '../config.js';
import { GauntletError } from '../errors.js';
import { formatLocation, type LoadedSource, type Service } from '../model/index.js';
import { type MockMiss, mockMissOf } from './mock-miss.js';
import { webhookReceiver } from './webhook-receiver.js';

/** Loads contract paths (relative to the config folder); `RunContext.load` is one. */
export type LoadContracts = (paths: readonly string[]) => Promise<LoadedSource[]>;

/** A request the mock answered, from its journal. */
export interface MockHit {
  dependency: string;
  /** `GET /stock/abc → 200 (0.3 ms)`. */
  line: string;
  status: number;
  /** Set when the request missed the contract: nothing matched, or the contract refused it. */
  miss?: MockMiss;
}

export interface DependencyMock {
  /** The dependency's service name in the config. */
  name: string;
  url: string;
  mock: RunningMock;
  /** Every request the mock answered, in order. */
  hits: MockHit[];
  close(): Promise<void>;
}

export interface StartDependencyMockOptions {
  load: LoadContracts;
  cwd: string;
  config: GauntletConfig;
  dep: DependencyConfig;
  /** Called for every request the mock answers (after it is recorded in `hits`). */
  onHit?: (hit: MockHit) => void;
  warn?: (line: string) => void;
}

/** The contracts a dependency is mocked from: its own in `dependsOn`, else the service's. */
export function dependencyContracts(config: GauntletConfig, dep: DependencyConfig): string[] {
  return dep.contracts ?? config.services?.[dep.service]?.contracts ?? [];
}

/** The one service a mock of the dependency serves at its root. */
function servedService(dep: DependencyConfig, caller: string, services: Service[]): Service {
  const withOperations = services.filter((s) => s.operations.length > 0);
  const receivers =
    dep.path === undefined
      ? []
      : services.filter((s) => s.webhooks.length > 0).map((s) => webhookReceiver(s, dep.path!));
  const candidates = withOperations.length > 0 ? withOperations : receivers;
  const only = candidates[0];
  if (candidates.length === 1 && only) return only;
  const why =
    candidates.length === 0
      ? 'its contracts describe no HTTP operations (nor webhooks to receive at dependsOn[].path)'
      : `its contracts describe ${candidates.length} services (${candidates.map((s) => s.file).join(', ')}) and one mock serves one`;
  throw new GauntletError(
    'GAUNTLET_E_CONFIG',
    `Failed to mock ${dep.service} for ${caller}: because ${why}.`,
    {
      hint: `Set dependsOn[].contracts of ${caller} to the one contract it calls ${dep.service} through.`,
    },
  );
}

/**
 * Starts a mock of one dependency on a free port, from the contracts the caller uses it through,
 * with request validation on, and records every request it answers from the mock's journal (an
 * in-process hook, no polling). Misses are journal entries nothing matched (with the near
 * misses the mock found) and requests the contract refused (400/415/422 with `mock.request.*`
 * diagnostics): the caller asked for something the contract does not have, or asked wrongly.
 *
 * @example
 * const inventory = await startDependencyMock({ load, cwd, config,
 *   dep: { service: 'inventory', env: 'INVENTORY_URL' } });
 * inventory.hits.flatMap((h) => (h.miss ? [describeMiss(h.miss)] : []));
 */
export async function startDependencyMock(
  options: StartDependencyMockOptions,
  caller: string,
): Promise<DependencyMock> {
  const { dep } = options;
  const paths = dependencyContracts(options.config, dep);
  if (paths.length === 0) {
    throw new GauntletError(
      'GAUNTLET_E_CONFIG',
      `Failed to mock ${dep.service} for ${caller}: because neither services.${dep.service}.contracts nor the dependsOn entry lists a contract.`,
      { hint: `Add the contract ${caller} calls ${dep.service} through to gauntlet.config.ts.` },
    );
  }
  const sources = await options.load(paths);
  const broken = sources.flatMap((s) => s.diagnostics.filter((d) => d.severity === 'error'));
  const first = broken[0];
  if (first) {
    const where = formatLocation(first.location);
    throw new GauntletError(
      'GAUNTLET_E_SPEC_INVALID',
      `Failed to mock ${dep.service} for ${caller}: because its contracts have ${broken.length} error(s), the first: ${where ? `${where}: ` : ''}${first.message}`,
      { hint: `Run \`gauntlet lint ${paths.join(' ')}\` to see every error.` },
    );
  }
  const service = servedService(
    dep,
    caller,
    sources.flatMap((s) => (s.service ? [s.service] : [])),
  );
  const hits: MockHit[] = [];
  const mock = await startMock({
    services: [service],
    cwd: options.cwd,
    port: 0,
    validateRequests: 'on',
    ...(options.warn ? { warn: options.warn } : {}),
  });
  const unsubscribe = mock.host.onEntry((entry, response) => {
    const query = entry.query === '' ? '' : `?${entry.query}`;
    const miss = mockMissOf(dep.service, entry, response);
    const hit: MockHit = {
      dependency: dep.service,
      line: `${entry.method} ${entry.path}${query} → ${entry.status} (${entry.durationMs.toFixed(1)} ms)`,
      status: entry.status,
      ...(miss ? { miss } : {}),
    };
    hits.push(hit);
    options.onHit?.(hit);
  });
  return {
    name: dep.service,
    url: mock.url,
    mock,
    hits,
    close: async () => {
      unsubscribe();
      await mock.close();
    },
  };
}
