import type { HttpHandler } from 'msw';
import { ERROR_CODES, type ErrorCode, GauntletError } from '../../errors.js';
import { formatLocation, type Service } from '../../model/index.js';
import { loadPaths } from '../fs/load-paths.js';
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
export async function loadContracts(contracts: string[], cwd: string): Promise<Service[]> {
  const sources = await loadPaths(contracts, { cwd });
  const errors = sources.flatMap((s) => s.diagnostics.filter((d) => d.severity === 'error'));
  const first = errors[0];
  if (first !== undefined) {
    const code: ErrorCode =
      first.code in ERROR_CODES ? (first.code as ErrorCode) : 'GAUNTLET_E_SPEC_INVALID';
    const where = formatLocation(first.location);
    throw new GauntletError(
      code,
      `Failed to load the contracts: because ${errors.length} error(s) were found, the first: ${where ? `${where}: ` : ''}${first.message}`,
      { hint: 'Run `gauntlet inspect` on the same paths to see every error.' },
    );
  }
  const services = sources.flatMap((s) => (s.service ? [s.service] : []));
  if (services.length === 0) {
    throw new GauntletError(
      'GAUNTLET_E_FILE_NOT_FOUND',
      `Failed to load the contracts: because no contract was found in ${contracts.join(', ')}.`,
      { hint: 'Pass OpenAPI, RAML, Pact or Hoverfly files, or folders holding them.' },
    );
  }
  return services;
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
