import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSource } from '../../src/formats/load-source.js';
import { compile } from '../../src/mock/compile.js';
import type { MockEngine } from '../../src/mock/types.js';
import { type RecordedAnswer, recordedHeaders } from './answers.js';
import { PARITY_CASES, type ParityRequest } from './cases.js';

/**
 * Gauntlet's mock of each Postman collection against Prism's answers to the same requests
 * (recorded by scripts/record-prism-answers.ts). Compared: status, media type, the API's own
 * headers, and the body — except problem+json bodies, whose wording is each tool's own (docs/
 * postman.md lists the few deliberate differences).
 */
const dir = join(import.meta.dirname, 'collections');
const answers = JSON.parse(
  readFileSync(join(import.meta.dirname, 'prism-answers.json'), 'utf8'),
) as Record<string, Record<string, RecordedAnswer>>;

const decoder = new TextDecoder();

function essence(contentType: string | null | undefined): string | null {
  return contentType ? contentType.split(';')[0]!.trim().toLowerCase() : null;
}

/**
 * Where Gauntlet answers differently on purpose (docs/postman.md says why); each is checked for
 * what Gauntlet does instead.
 */
const DELIBERATE: Record<string, (answer: RecordedAnswer) => void> = {
  // A path with a trailing slash is the same resource to Gauntlet's router, for every format.
  'a trailing slash': (a) => expect(a.status).toBe(200),
  // HEAD is GET without the body (RFC 9110 §9.3.2) wherever GET is declared, for every format;
  // Prism answers 405 unless HEAD is declared.
  'HEAD of a GET-only path': (a) => {
    expect(a.status).toBe(200);
    expect(a.body).toBe('');
  },
  // A body that does not parse is a problem+json 400 naming where it broke; Prism's server
  // answers its own {"error":{"code":"invalid_json"}} as application/json.
  'malformed JSON': (a) => {
    expect(a.status).toBe(400);
    expect(essence(a.contentType)).toBe('application/problem+json');
  },
};

/** Headers Gauntlet adds that Prism leaves out: HTTP asks for them (RFC 9110 §15.5.2, §15.5.6). */
function withoutAddedHeaders(gauntlet: RecordedAnswer, prism: RecordedAnswer): RecordedAnswer {
  const headers = { ...gauntlet.headers };
  for (const name of ['allow', 'www-authenticate'])
    if (prism.headers[name] === undefined) delete headers[name];
  return { ...gauntlet, headers };
}

function comparable(answer: RecordedAnswer) {
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

async function engineFor(file: string): Promise<MockEngine> {
  const path = join(dir, file);
  const source = await loadSource(path, await readFile(path, 'utf8'), {
    readFile: (p) => readFile(p, 'utf8'),
  });
  if (!source.service) throw new Error(JSON.stringify(source.diagnostics));
  return compile([source.service]);
}

function ask(engine: MockEngine, r: ParityRequest): RecordedAnswer {
  const q = r.url.indexOf('?');
  const headers: Record<string, string> = { host: '127.0.0.1', ...r.headers };
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

describe('Postman collections mocked as Prism mocks them', () => {
  for (const collection of PARITY_CASES) {
    describe(collection.file, async () => {
      const engine = await engineFor(collection.file);
      for (const r of collection.requests) {
        it(r.name, () => {
          const prism = answers[collection.file]?.[r.name];
          if (!prism)
            throw new Error(`No recorded Prism answer: run scripts/record-prism-answers.ts`);
          const ours = ask(engine, r);
          const deliberate = DELIBERATE[r.name];
          if (deliberate) {
            expect(comparable(ours)).not.toEqual(comparable(prism));
            deliberate(ours);
          } else expect(comparable(withoutAddedHeaders(ours, prism))).toEqual(comparable(prism));
        });
      }
    });
  }
});
