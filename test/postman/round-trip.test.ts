import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPaths } from '../../src/adapters/fs/load-paths.js';
import { toPostmanCollection } from '../../src/formats/export/to-postman.js';
import { loadSource } from '../../src/formats/load-source.js';
import { hasErrors } from '../../src/model/index.js';
import { corpusDir } from '../support/corpus.js';
import { roundTripKeys } from './round-trip-keys.js';

/**
 * Every contract of the shared corpus (OpenAPI, RAML, pacts, Hoverfly simulations) exported to a
 * Postman collection and loaded back keeps its requests: the same `METHOD /path` set. Pinned:
 * what the corpus gives today (a loader or exporter that drops a file or an operation fails it).
 */
const EXPECTED = { contracts: 85, operations: 397 };

describe('export postman → load: the corpus round trip', () => {
  it('keeps every operation of every corpus contract', async () => {
    const corpus = corpusDir();
    const sources = await loadPaths(
      ['specs', 'openapi-examples', 'raml-examples', 'pacts', 'hoverfly'].map((d) =>
        join(corpus, d),
      ),
      { cwd: corpus },
    );
    const lost: string[] = [];
    let contracts = 0;
    let operations = 0;
    for (const source of sources) {
      if (!source.service || hasErrors(source.diagnostics)) continue;
      const before = roundTripKeys(source.service);
      if (before.length === 0) continue;
      const { collection } = toPostmanCollection(source.service);
      const back = await loadSource('export.postman_collection.json', JSON.stringify(collection), {
        readFile: async () => '',
      });
      expect(back.format).toBe('postman-2.1');
      const after = back.service ? roundTripKeys(back.service) : [];
      if (JSON.stringify(after) !== JSON.stringify(before))
        lost.push(`${source.file}: ${before.filter((k) => !after.includes(k)).join(', ')}`);
      contracts++;
      operations += before.length;
    }
    console.log(`postman round trip: ${contracts} contracts, ${operations} operations kept`);
    expect(lost).toEqual([]);
    expect({ contracts, operations }).toEqual(EXPECTED);
  }, 600_000);
});
