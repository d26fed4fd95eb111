import { slugify } from '../../formats/slug.js';
import type { Diagnostic, Severity } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { type ComparatorResult, createComparator, type PactComparator } from './comparator.js';

/**
 * Bi-directional contract testing ("compat"): consumer pacts against the provider's OpenAPI
 * document, without running anything. The comparison itself is PactFlow's
 * @pactflow/openapi-pact-comparator (the engine behind PactFlow's bi-directional contracts), so
 * the result codes (`request.path-or-method.unknown`, `response.body.incompatible`, …) are theirs,
 * unchanged. This module pairs pacts with specs, feeds the comparator one interaction at a time
 * (for progress and exact interaction indexes) and turns results into our Diagnostic shape.
 */

/** A provider spec as an OpenAPI 2/3 document (RAML converted to OpenAPI 3.0 first). */
export interface CompatSpec {
  /** The file the user named (messages and reports). */
  file: string;
  /** The service name the pacts name as `provider.name` (slug compared). */
  name: string;
  document: Record<string, unknown>;
}

/** A pact file, parsed JSON. */
export interface CompatPact {
  file: string;
  document: unknown;
}

/** One finding of the comparator for one interaction. */
export interface CompatFinding extends Diagnostic {
  /** Index of the interaction in the pact's `interactions` (or `messages`). */
  interaction: number;
  description: string;
  /** Where in the spec the comparator looked, e.g. `[root].paths./reservations.post.responses`. */
  specLocation?: string;
}

export interface CompatPairReport {
  consumer: string;
  provider: string;
  pactFile: string;
  specFile: string;
  /** HTTP interactions compared. */
  interactions: number;
  /** Message interactions in the pact: not comparable with an OpenAPI document (verify covers them). */
  messagesSkipped: number;
  findings: CompatFinding[];
  passed: boolean;
}

export interface CompatReport {
  passed: boolean;
  pairs: CompatPairReport[];
  /** Pacts with no spec for their provider, with the reason: reported (not failed), never silently dropped. */
  unpaired: Array<{ pactFile: string; consumer: string; provider: string; reason: string }>;
  /** Problems with the inputs themselves (a pact without consumer/provider names). */
  diagnostics: Diagnostic[];
}

export interface CheckCompatOptions {
  /** Called after each interaction: done/total over every paired pact. */
  onProgress?: (done: number, total: number, label: string) => void;
  /**
   * Force every pact onto this spec name (`--provider`), for pacts whose provider name differs
   * from the spec's service name.
   */
  provider?: string;
}

interface PactParts {
  consumer: string;
  provider: string;
  /** HTTP interactions with their index in the file. */
  interactions: Array<{ index: number; interaction: unknown }>;
  messages: number;
  /** The document without its interactions, to clone with one interaction at a time. */
  rest: Record<string, unknown>;
  key: 'interactions' | 'messages';
}

function nameOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.name === 'string' ? value.name : undefined;
}

function isMessageInteraction(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (typeof value.type === 'string') return value.type !== 'Synchronous/HTTP';
  return !('request' in value) && ('contents' in value || 'metadata' in value);
}

function pactParts(doc: unknown): PactParts | undefined {
  if (!isRecord(doc)) return undefined;
  const consumer = nameOf(doc.consumer);
  const provider = nameOf(doc.provider);
  if (consumer === undefined || provider === undefined) return undefined;
  const all = Array.isArray(doc.interactions) ? doc.interactions : [];
  const v3Messages = Array.isArray(doc.messages) ? doc.messages.length : 0;
  const http = all.flatMap((interaction, index) =>
    isMessageInteraction(interaction) ? [] : [{ index, interaction }],
  );
  const { interactions: _drop, messages: _dropMessages, ...rest } = doc;
  return {
    consumer,
    provider,
    interactions: http,
    messages: all.length - http.length + v3Messages,
    rest,
    key: 'interactions',
  };
}

const SEVERITY: Record<ComparatorResult['type'], Severity> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
};

function describe(interaction: unknown, index: number): string {
  return isRecord(interaction) && typeof interaction.description === 'string'
    ? interaction.description
    : `interaction #${index}`;
}

function toFinding(
  result: ComparatorResult,
  index: number,
  description: string,
  pactFile: string,
): CompatFinding {
  // The comparator saw a one-interaction pact: put the real index back into its locations.
  const where = result.mockDetails?.location.replace(
    /^\[root\]\.interactions\[0\]/,
    `[root].interactions[${index}]`,
  );
  const finding: CompatFinding = {
    code: result.code,
    severity: SEVERITY[result.type] ?? 'error',
    message: `${description}: ${result.message}`,
    interaction: index,
    description,
    location: { file: pactFile },
  };
  if (where !== undefined) finding.path = where;
  if (result.specDetails?.location !== undefined)
    finding.specLocation = result.specDetails.location;
  return finding;
}

/**
 * Compares every pact with the spec of its provider (matched by slug of `provider.name` and the
 * spec's `name`). Passed when no finding is an error and every pact found its spec.
 *
 * @example
 * const report = await checkCompat(
 *   [{ file: 'inventory.yaml', name: 'inventory', document: openapi }],
 *   [{ file: 'orders-inventory.json', document: pactJson }],
 * );
 * report.pairs[0].findings; // [{ code: 'response.body.incompatible', ... }]
 */
export async function checkCompat(
  specs: readonly CompatSpec[],
  pacts: readonly CompatPact[],
  options: CheckCompatOptions = {},
): Promise<CompatReport> {
  const report: CompatReport = { passed: true, pairs: [], unpaired: [], diagnostics: [] };
  const bySlug = new Map<string, CompatSpec>();
  for (const spec of specs)
    if (!bySlug.has(slugify(spec.name))) bySlug.set(slugify(spec.name), spec);
  const work: Array<{ pact: CompatPact; parts: PactParts; spec: CompatSpec }> = [];
  for (const pact of pacts) {
    const parts = pactParts(pact.document);
    if (!parts) {
      report.diagnostics.push({
        code: 'GAUNTLET_E_PACT_INVALID',
        severity: 'error',
        message: `Failed to compare ${pact.file}: because it has no consumer.name or provider.name. Give the pact both names.`,
        location: { file: pact.file },
      });
      continue;
    }
    const spec = bySlug.get(slugify(options.provider ?? parts.provider));
    if (!spec) {
      report.unpaired.push({
        pactFile: pact.file,
        consumer: parts.consumer,
        provider: parts.provider,
        reason: `no spec named "${options.provider ?? parts.provider}" among ${specs.map((s) => s.name).join(', ') || 'the specs given'}`,
      });
      continue;
    }
    work.push({ pact, parts, spec });
  }
  const total = work.reduce((n, w) => n + w.parts.interactions.length, 0);
  let done = 0;
  const comparators = new Map<CompatSpec, PactComparator>();
  for (const { pact, parts, spec } of work) {
    let comparator = comparators.get(spec);
    if (!comparator) {
      // One comparator per spec: it compiles the spec's schemas once for every pact.
      comparator = createComparator(spec.document);
      comparators.set(spec, comparator);
    }
    const pair: CompatPairReport = {
      consumer: parts.consumer,
      provider: parts.provider,
      pactFile: pact.file,
      specFile: spec.file,
      interactions: parts.interactions.length,
      messagesSkipped: parts.messages,
      findings: [],
      passed: true,
    };
    for (const { index, interaction } of parts.interactions) {
      const one = { ...parts.rest, [parts.key]: [interaction] };
      const description = describe(interaction, index);
      for await (const result of comparator.compare(one)) {
        pair.findings.push(toFinding(result, index, description, pact.file));
      }
      done++;
      options.onProgress?.(done, total, `${parts.consumer} → ${parts.provider}: ${description}`);
    }
    pair.passed = !pair.findings.some((f) => f.severity === 'error');
    report.pairs.push(pair);
  }
  // An unpaired pact is reported but does not fail: its provider may have no spec by design.
  report.passed =
    report.pairs.every((p) => p.passed) && !report.diagnostics.some((d) => d.severity === 'error');
  return report;
}
