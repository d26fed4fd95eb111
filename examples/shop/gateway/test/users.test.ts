import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../src/users.js';

describe('bearer authentication', () => {
  const authenticate = createAuthenticator();
  it.each([
    ['Bearer token-alice', 'alice'],
    ['bearer token-bob', 'bob'],
    ['Bearer token-mallory', undefined],
    ['Basic YWxpY2U6eA==', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, user) => {
    expect(authenticate(header)).toBe(user);
  });
});
