import type { PactSpecVersion, SourceFormat } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import type { PactVersionFamily } from './normalise.js';

export interface PactVersion {
  specification: PactSpecVersion;
  family: PactVersionFamily;
  format: SourceFormat;
}

const VERSIONS: Readonly<Record<PactSpecVersion, PactVersion>> = {
  '1.0.0': { specification: '1.0.0', family: 1, format: 'pact-v1' },
  '1.1.0': { specification: '1.1.0', family: 1, format: 'pact-v1.1' },
  '2.0.0': { specification: '2.0.0', family: 2, format: 'pact-v2' },
  '3.0.0': { specification: '3.0.0', family: 3, format: 'pact-v3' },
  '4.0': { specification: '4.0', family: 4, format: 'pact-v4' },
};

/**
 * The version string a pact declares, and the pointer to it. Pact libraries have written it in
 * three places: `pactSpecification.version` (pact-jvm, pact-reference), `pact-specification.version`
 * (pact-ruby 1.x) and `pactSpecificationVersion` (pact-ruby / pact-mock_service 2.x).
 */
export function declaredVersion(
  metadata: unknown,
): { version: unknown; pointer: string } | undefined {
  if (!isRecord(metadata)) return undefined;
  for (const key of ['pactSpecification', 'pact-specification'] as const) {
    const block = metadata[key];
    if (isRecord(block) && Object.hasOwn(block, 'version')) {
      return { version: block.version, pointer: `/metadata/${key}/version` };
    }
  }
  if (metadata.pactSpecificationVersion !== undefined) {
    return {
      version: metadata.pactSpecificationVersion,
      pointer: '/metadata/pactSpecificationVersion',
    };
  }
  return undefined;
}

/** `"2"`, `"2.0"`, `"2.0.0"` and `2` all mean V2; `1.1` is the only minor version with its own format. */
export function parseSpecVersion(version: unknown): PactVersion | undefined {
  const text = typeof version === 'number' ? String(version) : version;
  if (typeof text !== 'string') return undefined;
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/i.exec(text.trim());
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  if (major === 1) return minor === 1 ? VERSIONS['1.1.0'] : VERSIONS['1.0.0'];
  if (major === 2) return VERSIONS['2.0.0'];
  if (major === 3) return VERSIONS['3.0.0'];
  if (major === 4) return VERSIONS['4.0'];
  return undefined;
}

/**
 * Guesses the version of a pact that does not declare a usable one: V4 when its interactions
 * name their `type` (only V4 does), V3 otherwise, as the Pact reference implementation
 * (pact_models) reads such a pact; reading as V3 accepts the V1/V2 shapes (string queries, flat
 * `$.body` rules) too.
 */
export function inferVersion(root: Record<string, unknown>): PactVersion {
  const interactions = Array.isArray(root.interactions) ? root.interactions.filter(isRecord) : [];
  if (interactions.some((i) => typeof i.type === 'string')) return VERSIONS['4.0'];
  return VERSIONS['3.0.0'];
}
