import { resolve } from 'node:path';
import { GauntletError } from '../../errors.js';
import { EXPORTERS, findExporter } from '../../formats/export/index.js';
import { loadServices } from '../fs/load-services.js';
import { writeAtomic } from '../fs/write-atomic.js';

export interface ExportContractOptions {
  /** An exporter's format: `hoverfly`, `pact` (see EXPORTERS). */
  format: string;
  /** The contract file (one service). */
  contract: string;
  /** The file to write (replaced atomically). */
  out: string;
  /** Folder relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

export interface ExportedContract {
  format: string;
  contract: string;
  service: string;
  /** Absolute path of the written file. */
  out: string;
  /** What the file holds, e.g. `{ pairs: 12 }`. */
  counts: Record<string, number>;
}

/**
 * Loads one contract and writes it in another format: a Hoverfly simulation for Hoverfly users,
 * a Pact V4 file for a broker. Nothing is written when the contract does not load or cannot be
 * said in that format; the file is replaced atomically.
 *
 * @example
 * await exportContract({ format: 'hoverfly', contract: 'contracts/openapi/inventory.yaml', out: 'inventory.sim.json' });
 */
export async function exportContract(options: ExportContractOptions): Promise<ExportedContract> {
  const exporter = findExporter(options.format);
  if (exporter === undefined) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to export: because "${options.format}" is not a format Gauntlet exports.`,
      { hint: `Use one of: ${EXPORTERS.map((e) => e.format).join(', ')}.` },
    );
  }
  const cwd = options.cwd ?? process.cwd();
  const services = await loadServices([options.contract], cwd, `export ${options.contract}`);
  if (services.length !== 1) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to export ${options.contract}: because it holds ${services.length} contracts and one file is written per contract.`,
      { hint: 'Pass one contract file, not a folder.' },
    );
  }
  const service = services[0]!;
  const problem = exporter.problem(service);
  if (problem !== undefined) {
    throw new GauntletError(
      'GAUNTLET_E_EXPORT',
      `Failed to export ${options.contract} as ${exporter.format}: because ${problem}.`,
      {
        hint:
          exporter.format === 'pact'
            ? 'Record real traffic as a pact with `gauntlet record --format pact`, or export it as hoverfly.'
            : `Export it in another format (${EXPORTERS.map((e) => e.format).join(', ')}).`,
      },
    );
  }
  const out = resolve(cwd, options.out);
  try {
    await writeAtomic(out, exporter.render(service));
  } catch (error) {
    throw new GauntletError(
      'GAUNTLET_E_EXPORT',
      `Failed to write ${options.out}: because ${error instanceof Error ? error.message : String(error)}.`,
      { hint: 'Check that the folder exists and is writable.', cause: error },
    );
  }
  return {
    format: exporter.format,
    contract: options.contract,
    service: service.name,
    out,
    counts: exporter.count(service),
  };
}
