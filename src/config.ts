/**
 * The shape of `gauntlet.config.ts`: the services of a system, their contracts, and how the
 * commands treat them. Flags given on the command line override it. Kept small on purpose; every
 * field is optional so a config file can grow one feature at a time.
 */
export interface GauntletConfig {
  /** The services of the system under test, keyed by a name of your choice. */
  services?: Record<string, ServiceConfig>;
  /** Defaults for `gauntlet mock`. */
  mock?: MockConfig;
}

export interface ServiceConfig {
  /** Contract files or folders describing this service, relative to the config file's folder. */
  contracts?: string[];
  /** The name (URL prefix) this service is mocked under; defaults to the slug of its title. */
  mockName?: string;
}

export interface MockConfig {
  /** Port for `gauntlet mock` (default 4010). */
  port?: number;
  /** Renames for mocked services: contract file path or service title → mock name. */
  names?: Record<string, string>;
}

/**
 * Identity helper that gives `gauntlet.config.ts` type checking and editor completion.
 *
 * @example
 * // gauntlet.config.ts
 * import { defineConfig } from 'gauntlet';
 * export default defineConfig({
 *   services: { orders: { contracts: ['contracts/orders.yaml'], mockName: 'orders' } },
 *   mock: { port: 4010 },
 * });
 */
export function defineConfig(config: GauntletConfig): GauntletConfig {
  return config;
}
