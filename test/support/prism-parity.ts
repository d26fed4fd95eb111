import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSource } from '../../src/formats/load-source.js';
import { compile } from '../../src/mock/compile.js';
import type { MockEngine } from '../../src/mock/types.js';
import {
  type ParityCollection,
  type ParityRequest,
  type RecordedAnswer,
  recordedHeaders,
} from './prism-answers.js';

/**
 * Prism is the oracle for how an OpenAPI or Postman mock answers. Parity suites (test/postman,
 * test/prism-fidelity) list requests per contract; `npx tsx scripts/record-prism-answers.ts`
 * sends them to the real Prism (the devDependency) and records its answers; each suite's test
 * sends the same requests to Gauntlet's engine and compares with the helpers below.
 */

export function essence(contentType: string | null | undefined): string | null {
  return contentType ? contentType.split(';')[0]!.trim().toLowerCase() : null;
}

/** Headers Gauntlet adds that Prism leaves out: HTTP asks for them (RFC 9110 §15.5.2, §15.5.6). */
export function withoutAddedHeaders(
  gauntlet: RecordedAnswer,
  prism: RecordedAnswer,
): RecordedAnswer {
  const headers = { ...gauntlet.headers };
  for (const name of ['allow', 'www-authenticate'])
    if (prism.headers[name] === undefined) delete headers[name];
  return { ...gauntlet, headers };
}

/**
 * What is compared: status, media type, the recorded headers and the body — except problem+json
 * bodies, whose wording is each tool's own.
 */
export function comparable(answer: RecordedAnswer) {
  const media = essence(answer.contentType);
  let body: unknown = answer.body;
  if (media === 'application/problem+json') body = '<problem>';
  else if (media?.endsWith('json')) {
    try {
      body = JSON.parse(answer.body);
    } catch {
      // compared as text
    }
  }
  return { status: answer.status, media, headers: answer.headers, body };
}

/** Gauntlet's engine for one contract file of a suite. */
export async function engineFor(dir: string, file: string): Promise<MockEngine> {
  const path = join(dir, file);
  const source = await loadSource(path, await readFile(path, 'utf8'), {
    readFile: (p) => readFile(p, 'utf8'),
  });
  if (!source.service) throw new Error(JSON.stringify(source.diagnostics));
  return compile([source.service]);
}

const decoder = new TextDecoder();

/** Sends one parity request to Gauntlet's engine, in memory, and records the answer. */
export function askEngine(engine: MockEngine, r: ParityRequest): RecordedAnswer {
  const q = r.url.indexOf('?');
  const headers: Record<string, string> = { host: '127.0.0.1', ...lowerCased(r.headers ?? {}) };
  const response = engine.handle({
    method: r.method,
    path: q < 0 ? r.url : r.url.slice(0, q),
    query: q < 0 ? '' : r.url.slice(q + 1),
    headers,
    ...(r.body === undefined ? {} : { body: new TextEncoder().encode(r.body) }),
  });
  const contentType = response.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  return {
    status: response.status,
    contentType: contentType ?? null,
    headers: recordedHeaders(response.headers),
    body: r.method === 'HEAD' || !response.body ? '' : decoder.decode(response.body),
  };
}

/** Node lower-cases header names; the engine's HeaderMap expects them so. */
function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Checks what Gauntlet answers instead where it differs from Prism on purpose. */
export type Deliberate = (ours: RecordedAnswer, prism: RecordedAnswer) => void;

export interface ParitySuite {
  title: string;
  /** The suite's folder: its contracts in `contracts`, Prism's answers in prism-answers.json. */
  dir: string;
  contracts: string;
  cases: ParityCollection[];
  /** Case name → the check of a deliberate difference (docs say why). */
  deliberate: Record<string, Deliberate>;
  /** Compares one case itself when it returns true (e.g. randomly generated bodies). */
  compare?: (
    r: ParityRequest,
    ours: ReturnType<typeof comparable>,
    prism: ReturnType<typeof comparable>,
  ) => boolean;
}

/**
 * One test per case: Gauntlet's answer equals Prism's recorded one (`comparable`, without the
 * headers HTTP asks for that Prism leaves out), or differs where `deliberate` says so.
 */
export function describeParity(suite: ParitySuite): void {
  const answers = JSON.parse(readFileSync(join(suite.dir, 'prism-answers.json'), 'utf8')) as Record<
    string,
    Record<string, RecordedAnswer>
  >;
  describe(suite.title, () => {
    for (const collection of suite.cases) {
      describe(collection.file, async () => {
        const engine = await engineFor(join(suite.dir, suite.contracts), collection.file);
        for (const r of collection.requests) {
          it(r.name, () => {
            const prism = answers[collection.file]?.[r.name];
            if (!prism)
              throw new Error(
                'No recorded Prism answer: run npx tsx scripts/record-prism-answers.ts',
              );
            const ours = askEngine(engine, r);
            const deliberate = suite.deliberate[r.name];
            if (deliberate) {
              expect(comparable(ours)).not.toEqual(comparable(prism));
              deliberate(ours, prism);
              return;
            }
            const actual = comparable(withoutAddedHeaders(ours, prism));
            const expected = comparable(prism);
            if (suite.compare?.(r, actual, expected)) return;
            expect(actual).toEqual(expected);
          });
        }
      });
    }
  });
}
