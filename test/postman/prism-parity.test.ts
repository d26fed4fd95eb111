import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  askEngine,
  comparable,
  engineFor,
  essence,
  type RecordedAnswer,
  withoutAddedHeaders,
} from '../support/prism-parity.js';
import { PARITY_CASES } from './cases.js';

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

describe('Postman collections mocked as Prism mocks them', () => {
  for (const collection of PARITY_CASES) {
    describe(collection.file, async () => {
      const engine = await engineFor(dir, collection.file);
      for (const r of collection.requests) {
        it(r.name, () => {
          const prism = answers[collection.file]?.[r.name];
          if (!prism)
            throw new Error(`No recorded Prism answer: run scripts/record-prism-answers.ts`);
          const ours = askEngine(engine, r);
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
