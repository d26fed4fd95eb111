import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSource } from '../../src/formats/load-source.js';
import { compile } from '../../src/mock/compile.js';
import type { MockResponse } from '../../src/mock/types.js';
import type { HoverflyPair, PactHttpInteraction, Service } from '../../src/model/index.js';
import { corpusDir } from '../support/corpus.js';
import { hoverflyRequest, pactRequest } from './corpus-requests.js';

/**
 * Corpus check: every pact under ../shared/corpus/pacts and every simulation under
 * ../shared/corpus/hoverfly is loaded and compiled; each interaction's / pair's own request must
 * get that interaction's / pair's own response. Misses are listed with a reason in
 * known-misses.json.
 */

const corpus = corpusDir();
/**
 * Measured: 41 of 42 stubs (pact HTTP interactions and Hoverfly pairs) answer their
 * own request; the one miss, listed in known-misses.json, is one the real Hoverfly does not serve
 * either. Never lower this silently: list a new miss there
 * with its reason instead.
 */
// 41 of 42: hoverfly.io.json's pairs[0] is not served by the real Hoverfly either (see known-misses.json).
const MIN_RATIO = 41 / 42;

/**
 * What the corpus holds today, pinned: a loader that silently drops a file, or a format that
 * loses interactions, changes these counts and fails the test even when every stub it still
 * has answers. When the corpus itself changes, update them from the test's log line.
 */
// served 41: hoverfly.io.json's pairs[0] is answered by pairs[1] in the real Hoverfly too (known-misses.json).
const EXPECTED = { files: 32, loaded: 32, interactions: 28, pairs: 14, served: 41 };

const knownMisses = JSON.parse(
  readFileSync(new URL('./known-misses.json', import.meta.url), 'utf8'),
) as Record<string, string>;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (name.endsWith('.json')) out.push(full);
  }
  return out;
}

async function load(file: string): Promise<Service | undefined> {
  const text = await readFile(file, 'utf8');
  const loaded = await loadSource(file, text, { readFile: (f) => readFile(f, 'utf8') });
  return loaded.service;
}

const decoder = new TextDecoder();

function pactExpectation(i: PactHttpInteraction, res: MockResponse): string | undefined {
  if (res.status !== i.response.status)
    return `status ${res.status} instead of ${i.response.status}: ${res.body ? decoder.decode(res.body).slice(0, 200) : ''}`;
  const body = i.response.body;
  const text = res.body ? decoder.decode(res.body) : '';
  if (!body || body.content === undefined || body.content === null)
    return text === '' ? undefined : 'a body where none was expected';
  if (i.response.generators?.body) {
    // Generated values differ by design: the same JSON shape is enough.
    const keys = (v: unknown) => (typeof v === 'object' && v !== null ? Object.keys(v).sort() : v);
    return JSON.stringify(keys(JSON.parse(text))) === JSON.stringify(keys(body.content))
      ? undefined
      : `generated body ${text} has another shape`;
  }
  const expected = typeof body.content === 'string' ? body.content : JSON.stringify(body.content);
  return text === expected || body.encoded === 'base64'
    ? undefined
    : `body ${text} instead of ${expected}`;
}

function pairExpectation(pair: HoverflyPair, res: MockResponse): string | undefined {
  const r = pair.response;
  if (res.status !== r.status) return `status ${res.status} instead of ${r.status}`;
  if (r.templated) return undefined;
  const text = res.body ? decoder.decode(res.body) : '';
  if (r.bodyBytesBase64 === undefined && text !== r.body)
    return `body '${text}' instead of '${r.body}'`;
  return undefined;
}

describe('corpus: every pact interaction and Hoverfly pair answers its own request', async () => {
  const files = [...walk(join(corpus, 'pacts')), ...walk(join(corpus, 'hoverfly'))];
  const misses: Record<string, string> = {};
  const dropped: string[] = [];
  let total = 0;
  let loaded = 0;
  let interactions = 0;
  let pairs = 0;
  for (const file of files) {
    const service = await load(file);
    const name = relative(corpus, file);
    if (!service) {
      dropped.push(name);
      continue;
    }
    loaded++;
    interactions += service.interactions.length;
    pairs += service.hoverfly?.pairs.length ?? 0;
    const engine = compile([service], { validateRequests: 'off', seed: 1 });
    service.interactions.forEach((interaction, index) => {
      total++;
      const why = pactExpectation(interaction, engine.handle(pactRequest(interaction)));
      if (why) misses[`${name}#interactions[${index}]`] = why;
    });
    for (const [index, pair] of (service.hoverfly?.pairs ?? []).entries()) {
      total++;
      const key = `${name}#pairs[${index}]`;
      if (pair.request.requiresState) {
        misses[key] = 'needs state set by an earlier request';
        continue;
      }
      const built = hoverflyRequest(pair);
      if (!built.request) {
        misses[key] = `no request can be built: ${built.reason}`;
        continue;
      }
      engine.reset?.();
      const why = pairExpectation(pair, engine.handle(built.request));
      if (why) misses[key] = why;
    }
  }
  const served = total - Object.keys(misses).length;

  it('loads every corpus file and every interaction and pair in it (pinned counts)', () => {
    console.log(
      `[corpus-stubs] files ${files.length}, loaded ${loaded}, interactions ${interactions}, pairs ${pairs}`,
    );
    expect(dropped).toEqual([]);
    expect({ files: files.length, loaded, interactions, pairs, served }).toEqual(EXPECTED);
    expect(total).toBe(EXPECTED.interactions + EXPECTED.pairs);
  });

  it('serves at least the measured ratio', () => {
    console.log(`[corpus-stubs] ${served}/${total} stubs answered their own request`);
    for (const [key, why] of Object.entries(misses)) console.log(`  miss ${key}: ${why}`);
    expect(total).toBeGreaterThan(0);
    expect(served / total).toBeGreaterThanOrEqual(MIN_RATIO);
  });

  it('lists every miss in known-misses.json with a reason', () => {
    const unlisted = Object.keys(misses).filter((k) => knownMisses[k] === undefined);
    expect(unlisted).toEqual([]);
  });
});
