import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSource } from '../../src/formats/load-source.js';
import { isJsonMediaType } from '../../src/http/media-type.js';
import { createSchemaCompiler } from '../../src/matching/json-schema.js';
import { lazyValidator } from '../../src/mock/lazy-validator.js';
import { buildVariant, NO_SUCH_EXAMPLE, numericStatus } from '../../src/mock/responses.js';
import type { Service } from '../../src/model/index.js';
import { corpusDir } from '../support/corpus.js';

/**
 * Self-validation: every body the mock generates (`Prefer: dynamic=true`, the path taken when a
 * response has no example) for every response and JSON media type of every operation of every
 * OpenAPI document in the corpus, with one seed, must be non-empty and valid against its own
 * schema — checked by a compiler of its own, not the one the mock used.
 */

const SEED = 7;

/**
 * Bodies no generator can make valid, because no value is: each with the reason. Keep it short
 * and proven; a new entry needs the same proof.
 */
const UNSATISFIABLE: Record<string, string> = {
  'specs/nexmo/sms.yml send-an-sms 200 application/json':
    '`oneOf: [SMS, Error]`, both open objects whose `messages` arrays hold open objects: every value valid for one is valid for the other, so none matches exactly one.',
};
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (/\.(ya?ml|json)$/i.test(name)) out.push(full);
  }
  return out;
}

interface Tally {
  checked: number;
  invalid: string[];
  /** Checked bodies whose schema no value satisfies (UNSATISFIABLE). */
  unsatisfiable: string[];
}

/** Generates and checks every JSON body of one service. */
function checkService(service: Service, label: string, tally: Tally): void {
  const mockCompiler = createSchemaCompiler(service.schemas);
  const checker = createSchemaCompiler(service.schemas);
  const decoder = new TextDecoder();
  for (const operation of service.operations) {
    const ctx = {
      operation,
      schemas: service.schemas,
      compiler: mockCompiler,
      validateExamples: false,
      seed: SEED,
    };
    for (const response of operation.responses) {
      response.contents.forEach((content, index) => {
        if (content.schema === undefined || !isJsonMediaType(content.mediaType)) return;
        const where = `${label} ${operation.id} ${response.status} ${content.mediaType}`;
        tally.checked++;
        if (UNSATISFIABLE[where] !== undefined) tally.unsatisfiable.push(where);
        const variant = buildVariant(
          {
            ref: { response, status: numericStatus(response.status) },
            contentIndex: index,
            contentType: content.mediaType,
            dynamic: true,
            validate: lazyValidator(mockCompiler, content.schema),
          },
          ctx,
        );
        if (variant === NO_SUCH_EXAMPLE || variant.body === undefined) {
          tally.invalid.push(`${where}: empty body`);
          return;
        }
        const issues = checker.compile(content.schema)(JSON.parse(decoder.decode(variant.body)));
        if (issues.length > 0) {
          const first = issues
            .slice(0, 2)
            .map((i) => `${i.path || '/'} ${i.message}`)
            .join('; ');
          tally.invalid.push(`${where}: ${first}`);
        }
      });
    }
  }
}

async function checkFile(file: string, root: string, tally: Tally): Promise<boolean> {
  const label = relative(root, file);
  const source = await loadSource(label, await readFile(file, 'utf8'), {
    readFile: (p) => readFile(resolve(root, p), 'utf8'),
    discovered: true,
  });
  if (!source.service || !source.format?.match(/openapi|swagger/)) return false;
  checkService(source.service, label, tally);
  return true;
}

describe('every generated body is valid against its own schema', () => {
  it('the recursive, tuple and reference fixtures written for the class', async () => {
    const tally: Tally = { checked: 0, invalid: [], unsatisfiable: [] };
    for (const file of walk(FIXTURES)) await checkFile(file, FIXTURES, tally);
    expect(tally.checked).toBe(7);
    expect(tally.invalid).toEqual([]);
  });

  it('every operation of every OpenAPI document of the corpus, seed 7', async () => {
    const corpus = corpusDir();
    const tally: Tally = { checked: 0, invalid: [], unsatisfiable: [] };
    let documents = 0;
    for (const dir of ['specs', 'openapi-examples']) {
      for (const file of walk(join(corpus, dir))) {
        if (await checkFile(file, corpus, tally)) documents++;
      }
    }
    console.log(
      `[generated-bodies] ${documents} documents: ${tally.checked} generated bodies checked, ${tally.invalid.length} invalid (${tally.unsatisfiable.length} of them unsatisfiable schemas)`,
    );
    for (const line of tally.invalid) console.log(`  invalid: ${line}`);
    expect(documents).toBeGreaterThan(20);
    expect(tally.checked).toBeGreaterThan(150);
    // Every unsatisfiable entry is still met (a stale one fails), and nothing else is invalid.
    expect(tally.unsatisfiable.sort()).toEqual(Object.keys(UNSATISFIABLE).sort());
    expect(tally.invalid.map((line) => line.replace(/: .*$/, ''))).toEqual(tally.unsatisfiable);
  }, 240_000);
});
