import { expect } from 'vitest';
import { type Deliberate, describeParity, essence } from '../support/prism-parity.js';
import { PARITY_CASES } from './cases.js';

/**
 * Gauntlet's mock of each Postman collection against Prism's answers to the same requests
 * (recorded by scripts/record-prism-answers.ts). Compared: status, media type, the API's own
 * headers, and the body — except problem+json bodies, whose wording is each tool's own (docs/
 * postman.md lists the few deliberate differences).
 *
 * Where Gauntlet answers differently on purpose (docs/postman.md says why); each is checked for
 * what Gauntlet does instead.
 */
const DELIBERATE: Record<string, Deliberate> = {
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

describeParity({
  title: 'Postman collections mocked as Prism mocks them',
  dir: import.meta.dirname,
  contracts: 'collections',
  cases: PARITY_CASES,
  deliberate: DELIBERATE,
});
