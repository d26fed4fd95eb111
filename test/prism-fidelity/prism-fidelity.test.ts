import { expect } from 'vitest';
import { type Deliberate, describeParity } from '../support/prism-parity.js';
import { FIDELITY_CASES } from './cases.js';

/**
 * Gauntlet's OpenAPI mock against Prism's answers to the same requests (recorded from the real
 * Prism by scripts/record-prism-answers.ts): response selection, Prefer and its query twins,
 * security, request validation, routing. docs/fidelity.md lists the deliberate differences.
 *
 * Where Gauntlet answers differently on purpose (docs/fidelity.md says why); each is checked for
 * what Gauntlet does instead.
 */
const DELIBERATE: Record<string, Deliberate> = {
  // OpenAPI: allowEmptyValue "allows sending a parameter with an empty value"; Prism reads the
  // empty value as a missing one and refuses it because the parameter is required.
  'an empty value where allowEmptyValue is true': (ours) => expect(ours.status).toBe(200),
  // A delimited field's separators are not reserved characters sent raw (OpenAPI form style,
  // RFC 6570); Prism tests the whole value and refuses every delimited array.
  'the commas of a delimited field are no reserved characters': (ours) =>
    expect(ours.status).toBe(201),
  // An explicit code whose response cannot meet Accept is a 406 naming why; Prism silently
  // answers the default response instead (here a 200), which the client did not ask for.
  'Prefer code=404 with an Accept the 404 cannot meet': (ours) => expect(ours.status).toBe(406),
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

describeParity({
  title: 'OpenAPI mock behaviour as Prism documents it',
  dir: import.meta.dirname,
  contracts: 'fixtures',
  cases: FIDELITY_CASES,
  deliberate: DELIBERATE,
  // Prism generates `__dynamic` bodies at random: compare the status and the schema's one value.
  compare: (r, ours, prism) => {
    if (!r.url.includes('__dynamic=true') || prism.status >= 300) return false;
    expect(ours.status).toBe(prism.status);
    expect((ours.body as { count?: unknown }).count).toBe(3);
    return true;
  },
});
