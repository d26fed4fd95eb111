import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  askEngine,
  comparable,
  engineFor,
  type RecordedAnswer,
  withoutAddedHeaders,
} from '../support/prism-parity.js';
import { FIDELITY_CASES } from './cases.js';

/**
 * Gauntlet's OpenAPI mock against Prism's answers to the same requests (recorded from the real
 * Prism by scripts/record-prism-answers.ts): response selection, Prefer and its query twins,
 * security, request validation, routing. docs/fidelity.md lists the deliberate differences.
 */
const dir = join(import.meta.dirname, 'fixtures');
const answers = JSON.parse(
  readFileSync(join(import.meta.dirname, 'prism-answers.json'), 'utf8'),
) as Record<string, Record<string, RecordedAnswer>>;

/**
 * Where Gauntlet answers differently on purpose (docs/fidelity.md says why); each is checked for
 * what Gauntlet does instead.
 */
const DELIBERATE: Record<string, (ours: RecordedAnswer, prism: RecordedAnswer) => void> = {
  // OpenAPI: allowEmptyValue "allows sending a parameter with an empty value"; Prism reads the
  // empty value as a missing one and refuses it because the parameter is required.
  'an empty value where allowEmptyValue is true': (ours) => expect(ours.status).toBe(200),
  // A delimited field's separators are not reserved characters sent raw (OpenAPI form style,
  // RFC 6570); Prism tests the whole value and refuses every delimited array.
  'the commas of a delimited field are no reserved characters': (ours) =>
    expect(ours.status).toBe(201),
  // HEAD is GET without the body (RFC 9110 §9.3.2) wherever GET is declared.
  'HEAD of a GET-only path': (ours) => {
    expect(ours.status).toBe(200);
    expect(ours.body).toBe('');
  },
  // Same status; the challenge is RFC 6750's `Bearer` (Prism sends `OAuth2`, not a scheme).
  'oauth2: another scheme': (ours, prism) => {
    expect(ours.status).toBe(prism.status);
    expect(ours.headers['www-authenticate']).toBe('Bearer');
  },
  // Same status; the challenge names the schemes that can be used (Prism adds `None`).
  'optional security: a credential of another scheme': (ours, prism) => {
    expect(ours.status).toBe(prism.status);
    expect(ours.headers['www-authenticate']).toBe('Bearer');
  },
};

describe('OpenAPI mock behaviour as Prism documents it', () => {
  for (const collection of FIDELITY_CASES) {
    describe(collection.file, async () => {
      const engine = await engineFor(dir, collection.file);
      for (const r of collection.requests) {
        it(r.name, () => {
          const prism = answers[collection.file]?.[r.name];
          if (!prism)
            throw new Error(
              'No recorded Prism answer: run npx tsx scripts/record-prism-answers.ts --suite openapi',
            );
          const ours = askEngine(engine, r);
          const deliberate = DELIBERATE[r.name];
          if (deliberate) {
            expect(comparable(ours)).not.toEqual(comparable(prism));
            deliberate(ours, prism);
            return;
          }
          const expected = comparable(prism);
          // Prism generates `__dynamic` bodies at random: compare their shape, not their values.
          const actual = comparable(withoutAddedHeaders(ours, prism));
          if (r.url.includes('__dynamic=true') && prism.status < 300) {
            expect(actual.status).toBe(expected.status);
            expect(Object.keys(actual.body as object)).toContain('count');
            expect((actual.body as { count: unknown }).count).toBe(3);
          } else expect(actual).toEqual(expected);
        });
      }
    });
  }
});
