/**
 * Contract exporters: one entry per `gauntlet export FORMAT`. Each turns a loaded service into
 * the text of one file. A new format (Postman, …) is one more entry in EXPORTERS.
 */
import type { Service } from '../../model/index.js';
import { toHoverflySimulation } from '../hoverfly/export.js';
import { toHoverfly } from './to-hoverfly.js';
import { pactExportProblem, toPact } from './to-pact.js';

export interface ContractExporter {
  /** The word after `gauntlet export`. */
  format: string;
  /** One line for `gauntlet export --help` and the README. */
  description: string;
  /** Why `service` cannot be exported in this format; undefined when it can. */
  problem(service: Service): string | undefined;
  /** The file's text. */
  render(service: Service): string;
  /** What the file holds, counted for the command's summary (e.g. `{ pairs: 12 }`). */
  count(service: Service): Record<string, number>;
}

const json = (data: unknown): string => `${JSON.stringify(data, null, 2)}\n`;

/** Every format `gauntlet export FORMAT` and `exportContract` can write, one entry each. */
export const EXPORTERS: readonly ContractExporter[] = [
  {
    format: 'hoverfly',
    description:
      'A Hoverfly v5.3 simulation: one pair per operation × status × example (OpenAPI, RAML), per interaction (pacts), or the simulation itself',
    problem: () => undefined,
    render: (service) => json(toHoverflySimulation(toHoverfly(service))),
    count: (service) => ({ pairs: toHoverfly(service).pairs.length }),
  },
  {
    format: 'pact',
    description: 'A Pact V4 file from a pact of any version (V1 to V4): interactions and messages',
    problem: pactExportProblem,
    render: (service) => json(toPact(service)),
    count: (service) => ({
      interactions: service.interactions.length,
      messages: service.messages.length,
    }),
  },
];

/** The exporter for `format`, or undefined. */
export function findExporter(format: string): ContractExporter | undefined {
  return EXPORTERS.find((exporter) => exporter.format === format);
}
