import { resolve } from 'node:path';
import { openBrokerRegistry } from './broker-registry.js';
import { openFileRegistry } from './file-registry.js';
import type { Registry } from './registry.js';

export interface OpenRegistryOptions {
  cwd: string;
  /** The embedded registry folder (default `.gauntlet/registry`). */
  dir?: string;
  brokerUrl?: string;
  brokerToken?: string;
  brokerUsername?: string;
  brokerPassword?: string;
  /** For the Pact CLI's variables: PACT_BROKER_BASE_URL, PACT_BROKER_TOKEN, PACT_BROKER_USERNAME, PACT_BROKER_PASSWORD. */
  env?: Record<string, string | undefined>;
}

/** The default embedded registry folder, relative to the project. */
export const DEFAULT_REGISTRY_DIR = '.gauntlet/registry';

/**
 * A Pact Broker when a broker URL is given (flag or PACT_BROKER_BASE_URL), else the embedded
 * file registry.
 *
 * @example
 * const registry = openRegistry({ cwd: process.cwd(), env: process.env });
 */
export function openRegistry(options: OpenRegistryOptions): Registry {
  const env = options.env ?? {};
  const url = options.brokerUrl ?? env.PACT_BROKER_BASE_URL;
  if (url !== undefined && url !== '') {
    const token = options.brokerToken ?? env.PACT_BROKER_TOKEN;
    const username = options.brokerUsername ?? env.PACT_BROKER_USERNAME;
    const password = options.brokerPassword ?? env.PACT_BROKER_PASSWORD;
    return openBrokerRegistry({
      url,
      ...(token ? { token } : {}),
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
    });
  }
  return openFileRegistry(resolve(options.cwd, options.dir ?? DEFAULT_REGISTRY_DIR));
}
