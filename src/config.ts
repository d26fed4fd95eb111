/**
 * The shape of `gauntlet.config.ts`: the services of a system, their contracts, how to start
 * them and what they call, and how the commands treat them. Flags given on the command line
 * override it. Every field is optional so a config file can grow one feature at a time.
 */
export interface GauntletConfig {
  /** The services of the system under test, keyed by a name of your choice. */
  services?: Record<string, ServiceConfig>;
  /** Defaults for `gauntlet mock`. */
  mock?: MockConfig;
  /** Defaults for `gauntlet run`. */
  run?: RunConfig;
  /** The merge gate `gauntlet ci` runs (see src/ci/ci-config.ts). */
  ci?: CiConfig;
  /** Defaults for `gauntlet chaos` and the chaos stage of `gauntlet run`. */
  chaos?: ChaosConfig;
}

export interface ChaosConfig {
  /** Experiment files or folders `gauntlet chaos` runs by default (default `chaos/`). */
  experiments?: string[];
  /** The experiments the `chaos` stage of `gauntlet run` runs (keep it short; default: none). */
  stage?: string[];
  /** `docker`, or the URL of a running Toxiproxy (default: Gauntlet starts toxiproxy-server). */
  toxiproxy?: string;
  /** Where reports/chaos goes (default `reports/chaos`). */
  reportDir?: string;
}

export interface ServiceConfig {
  /**
   * The contracts this service provides (its provider side): files or folders, relative to the
   * config file's folder. `gauntlet run` exercises the service through them; `gauntlet dev`
   * mocks the service from them for the services that call it.
   */
  contracts?: string[];
  /** The name (URL prefix) this service is mocked under; defaults to the slug of its title. */
  mockName?: string;
  /** How to start the service as its own program; services without it cannot be run for real. */
  start?: StartConfig;
  /**
   * The port `gauntlet up` and `gauntlet dev` give the service (passed as env `PORT`).
   * `gauntlet run` always takes free ports from the OS so runs never collide. 0 = a free port.
   */
  port?: number;
  /** Path answered with 2xx once the service is ready, e.g. `/health` (default `/health`). */
  health?: string;
  /** The services this one calls, and how it learns where they are. */
  dependsOn?: DependencyConfig[];
  /**
   * Headers sent with every request Gauntlet makes to this service on its own, e.g. the
   * credentials its contract asks for: `{ 'X-User': 'alice' }` or `{ authorization: 'Bearer t' }`.
   */
  requestHeaders?: Record<string, string>;
}

export interface StartConfig {
  /** The program, found on PATH (`node`) or a path relative to the config folder. */
  command: string;
  args?: string[];
  /** Extra environment variables; `PORT` and the dependency URLs are set by Gauntlet. */
  env?: Record<string, string>;
  /** Working folder, relative to the config file's folder (default: that folder). */
  cwd?: string;
}

export interface DependencyConfig {
  /** The key of the called service in `services`. */
  service: string;
  /**
   * The contracts the caller uses it through (what a mock of it is built from); default: the
   * called service's own `contracts`. Exactly one of them may describe HTTP operations.
   */
  contracts?: string[];
  /** The environment variable the caller reads the dependency's base URL from, e.g. `INVENTORY_URL`. */
  env: string;
  /** Appended to the base URL in `env`, e.g. `/webhooks/order-placed` for a webhook receiver. */
  path?: string;
}

export interface MockConfig {
  /** Port for `gauntlet mock` (default 4010). */
  port?: number;
  /** Renames for mocked services: contract file path or service title → mock name. */
  names?: Record<string, string>;
}

export interface RunConfig {
  /**
   * Contract files or folders the `contracts` stage loads and lints (default: every contract
   * named under `services`).
   */
  contracts?: string[];
  /** Scenario files run through the real system by the `system` stage (default: `scenarios/`). */
  scenarios?: string[];
  /** Postman collections whose own tests the `system` stage runs (newman) against a service. */
  postman?: PostmanRunConfig[];
  /** Where reports are written (default `reports`). */
  reportDir?: string;
  /**
   * Load suites the `load` stage runs (files or folders of `*.load.ts`; default `perf/`). Keep
   * them short: they run on every `gauntlet run`.
   */
  load?: string[];
}

/** One Postman collection run against a service of the system (`gauntlet verify postman`). */
export interface PostmanRunConfig {
  /** The collection file (v2.0/v2.1 JSON). */
  collection: string;
  /** The service (a key of `services`) whose URL becomes `{{baseUrl}}`. */
  service: string;
  /** More variables for the run, e.g. `{ token: 'token-alice' }`. */
  variables?: Record<string, string>;
}

/** How the gate verifies one provider. */
export interface CiVerifyConfig {
  /** Provider-states module (its `startProvider` runs the provider in-process). */
  states: string;
  /** Also check OpenAPI/RAML conformance of the started provider (default true). */
  openapi?: boolean;
  /** Generated cases per operation (default 3). */
  cases?: number;
  /** Conformance checks not run, each with the reason (shown as a skipped check in the reports). */
  skipChecks?: Record<string, string>;
  /** Postman collections whose own tests run (newman) against the started provider. */
  postman?: Array<{ collection: string; variables?: Record<string, string> }>;
  /**
   * 5xx statuses that do not fail `not_a_server_error` (they must still be documented), each with
   * the reason, shown in the reports (Schemathesis: `checks.not_a_server_error.expected-statuses`).
   * For a 503 the verification environment causes, e.g. a dependency mock that cannot answer.
   */
  allowServerErrors?: Record<string, string>;
}

/** `gauntlet ci`: which pacts, which base branch, which providers to verify, where to deploy. */
export interface CiConfig {
  /** Consumer pact files or folders (default `contracts/pacts`). */
  pacts?: string[];
  /** Base ref to diff specs against (default: $GAUNTLET_BASE_REF, else origin/main, else main). */
  baseRef?: string;
  /** `breaking` fails on any breaking change; `consumers` (default) only on those a consumer pact relies on. */
  failOn?: 'breaking' | 'consumers';
  /** Provider name (as the pacts call it) → its provider-states module, which can start it in-process. */
  verify?: Record<string, CiVerifyConfig>;
  /** Embedded registry folder (default `.gauntlet/registry`). */
  registry?: string;
  /** The environment can-i-deploy asks about (default `production`). */
  environment?: string;
  /** Where junit.xml, summary.md, summary.json and index.html go (default `reports`). */
  reportDir?: string;
}

/**
 * Identity helper that gives `gauntlet.config.ts` type checking and editor completion.
 *
 * @example
 * // gauntlet.config.ts
 * import { defineConfig } from 'gauntlet';
 * export default defineConfig({
 *   services: {
 *     inventory: {
 *       contracts: ['contracts/openapi/inventory.yaml'],
 *       start: { command: 'node', args: ['--import', 'tsx', 'inventory/main.ts'] },
 *       port: 4102,
 *     },
 *     orders: {
 *       contracts: ['contracts/openapi/orders.yaml'],
 *       start: { command: 'node', args: ['--import', 'tsx', 'orders/main.ts'] },
 *       dependsOn: [{ service: 'inventory', env: 'INVENTORY_URL' }],
 *     },
 *   },
 *   mock: { port: 4010 },
 * });
 */
export function defineConfig(config: GauntletConfig): GauntletConfig {
  return config;
}
