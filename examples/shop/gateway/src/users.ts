/** The gateway's user store: a fixed demo list. A bearer token names exactly one user. */

export interface User {
  name: string;
  token: string;
}

export const DEMO_USERS: readonly User[] = [
  { name: 'alice', token: 'token-alice' },
  { name: 'bob', token: 'token-bob' },
  { name: 'carol', token: 'token-carol' },
];

export type Authenticate = (authorization: string | undefined) => string | undefined;

/** Returns a function from an Authorization header to the user's name (undefined: rejected). */
export function createAuthenticator(users: readonly User[] = DEMO_USERS): Authenticate {
  const byToken = new Map(users.map((u) => [u.token, u.name]));
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return match?.[1] === undefined ? undefined : byToken.get(match[1]);
  };
}
