import { ERROR_CODES, type ErrorCode, GauntletError } from '../../errors.js';
import { formatLocation, type LoadedSource, type Service } from '../../model/index.js';
import { type LoadPathsOptions, loadPaths } from './load-paths.js';

/**
 * The services of loaded sources; `purpose` completes "Failed to …" in the error when there is
 * none (e.g. `start the mock`).
 */
export function servicesOf(sources: LoadedSource[], paths: string[], purpose: string): Service[] {
  const services = sources.flatMap((s) => (s.service ? [s.service] : []));
  if (services.length === 0) {
    throw new GauntletError(
      'GAUNTLET_E_FILE_NOT_FOUND',
      `Failed to ${purpose}: because no contract was found in ${paths.join(', ')}.`,
      { hint: 'Pass OpenAPI, RAML, Pact or Hoverfly files, or folders holding them.' },
    );
  }
  return services;
}

/**
 * Loads contract files and folders for a command that cannot go on with a broken one: the first
 * error stops it with its own code and location, and the count of the others.
 *
 * @example
 * const services = await loadServices(['contracts/'], process.cwd(), 'start the mock');
 */
export async function loadServices(
  paths: string[],
  cwd: string,
  purpose: string,
  options: Pick<LoadPathsOptions, 'onRead'> = {},
): Promise<Service[]> {
  const sources = await loadPaths(paths, { cwd, ...options });
  const errors = sources.flatMap((s) => s.diagnostics.filter((d) => d.severity === 'error'));
  const first = errors[0];
  if (first !== undefined) {
    const code: ErrorCode =
      first.code in ERROR_CODES ? (first.code as ErrorCode) : 'GAUNTLET_E_SPEC_INVALID';
    const where = formatLocation(first.location);
    throw new GauntletError(
      code,
      `Failed to ${purpose}: because ${errors.length} error(s) were found loading the contracts, the first: ${where ? `${where}: ` : ''}${first.message}`,
      { hint: 'Run `gauntlet inspect` on the same paths to see every error.' },
    );
  }
  return servicesOf(sources, paths, purpose);
}

/**
 * Loads contracts from disk into the model (Node only), for `createHandlers` (MSW), `compile`
 * or `createMockHost`. Throws a GauntletError naming the first error when a contract does not load.
 *
 * @example
 * const services = await loadContracts(['contracts/openapi'], process.cwd());
 * const server = setupServer(...createHandlers({ contracts: services }));
 */
export function loadContracts(contracts: string[], cwd: string): Promise<Service[]> {
  return loadServices(contracts, cwd, 'load the contracts');
}
