/**
 * A loaded pact (any version, V1 to V4) → a Pact V4 file (JSON data). The model already holds
 * interactions in V4's shape, so this writes them back without the loader's source locations
 * and without `rawQuery` (a V1/V2 detail V4 has no place for). Other contracts describe every
 * possible request rather than concrete interactions and cannot be exported as a pact.
 */
import type {
  PactHttpInteraction,
  PactHttpRequest,
  PactMessage,
  Service,
} from '../../model/index.js';

type Json = Record<string, unknown>;

/** Why a service cannot become a pact, or undefined when it can. */
export function pactExportProblem(service: Service): string | undefined {
  if (service.pact !== undefined) return undefined;
  return `${service.name} is a ${service.format} contract: it describes every possible request, not the concrete interactions a pact holds`;
}

function withoutSource<T extends { source?: unknown }>(value: T): Omit<T, 'source'> {
  const { source: _, ...rest } = value;
  return rest;
}

function requestJson(request: PactHttpRequest): Json {
  const { rawQuery: _, ...rest } = request;
  return rest;
}

function httpJson(interaction: PactHttpInteraction): Json {
  const rest = withoutSource(interaction);
  return { ...rest, request: requestJson(interaction.request) };
}

function messageJson(message: PactMessage): Json {
  return withoutSource(message);
}

/**
 * Converts a loaded pact into a Pact V4 document: its HTTP interactions, then its messages, in
 * the order the pact listed them.
 *
 * @example
 * const pact = toPact(service); // { consumer: { name: 'gateway' }, provider: …, interactions: […] }
 */
export function toPact(service: Service): unknown {
  const info = service.pact;
  if (info === undefined) throw new Error(pactExportProblem(service));
  return {
    consumer: { name: info.consumer },
    provider: { name: info.provider },
    interactions: [...service.interactions.map(httpJson), ...service.messages.map(messageJson)],
    metadata: { ...info.metadata, pactSpecification: { version: '4.0' } },
  };
}
