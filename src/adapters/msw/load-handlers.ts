import type { HttpHandler } from 'msw';
import type { Service } from '../../model/index.js';
import { loadServices } from '../fs/load-services.js';
import { type CreateHandlersOptions, createHandlers } from './create-handlers.js';

export interface LoadHandlersOptions extends Omit<CreateHandlersOptions, 'contracts'> {
  /** Contract files or folders. */
  contracts: string[];
  /** Folder relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

/**
 * Loads contracts from disk and returns the model (Node only). Throws a GauntletError naming the
 * first error when a contract does not load.
 *
 * @example
 * const services = await loadContracts(['contracts/openapi'], process.cwd());
 */
export function loadContracts(contracts: string[], cwd: string): Promise<Service[]> {
  return loadServices(contracts, cwd, 'load the contracts');
}

/**
 * `createHandlers` for contract paths, in Node: loads them, then builds the handlers.
 *
 * @example
 * const server = setupServer(...(await loadHandlers({ contracts: ['contracts/openapi/orders.yaml'], baseUrl: 'http://orders.test' })));
 */
export async function loadHandlers(options: LoadHandlersOptions): Promise<HttpHandler[]> {
  const { contracts, cwd, ...rest } = options;
  const services = await loadContracts(contracts, cwd ?? process.cwd());
  return createHandlers({ ...rest, contracts: services });
}
