import type { SecurityRequirement, SecurityScheme } from '../model/index.js';

/** What the security check needs from a request; query and cookies are read only when asked. */
export interface CredentialSource {
  header(name: string): string | undefined;
  query(name: string): string | undefined;
  cookie(name: string): string | undefined;
}

export interface SecurityFailure {
  /** One sentence per unmet alternative. */
  reasons: string[];
  /** The WWW-Authenticate challenges of the schemes asked for. */
  challenges: string[];
}

function challengeOf(scheme: SecurityScheme): string | undefined {
  switch (scheme.type) {
    case 'http': {
      const name = scheme.scheme.toLowerCase();
      return name === 'basic' ? 'Basic realm="*"' : name === 'bearer' ? 'Bearer' : scheme.scheme;
    }
    case 'oauth2':
    case 'openIdConnect':
      return 'Bearer';
    case 'apiKey':
      return `apiKey realm="*", name="${scheme.name}", in="${scheme.in}"`;
    default:
      return undefined;
  }
}

function isBasicToken(token: string | undefined): boolean {
  if (!token) return false;
  try {
    return atob(token).split(':').length === 2;
  } catch {
    return false;
  }
}

/** Why an Authorization header is not `Bearer <token>`, or undefined when it is. */
function bearerMissing(name: string, auth: string): string | undefined {
  return /^bearer\s+\S/i.test(auth.trim())
    ? undefined
    : `${name}: the Authorization header is not "Bearer <token>"`;
}

/** Why one scheme is not satisfied, or undefined when its credential is present. */
function missing(
  name: string,
  scheme: SecurityScheme | undefined,
  source: CredentialSource,
): string | undefined {
  if (!scheme) return undefined;
  switch (scheme.type) {
    case 'apiKey': {
      const value =
        scheme.in === 'header'
          ? source.header(scheme.name.toLowerCase())
          : scheme.in === 'query'
            ? source.query(scheme.name)
            : source.cookie(scheme.name);
      // As Prism: an empty key is no key.
      return value === undefined || value === ''
        ? `${name}: the ${scheme.in} ${scheme.name} is missing`
        : undefined;
    }
    case 'http': {
      const auth = source.header('authorization');
      const expected = scheme.scheme.toLowerCase();
      if (auth === undefined) return `${name}: the Authorization header is missing`;
      const [given, token] = auth.trim().split(/\s+/, 2);
      if (given?.toLowerCase() !== expected)
        return `${name}: the Authorization header is not ${scheme.scheme}`;
      // As Prism checks them: a Basic token is base64 of `user:password`; Bearer needs a token
      // (the scheme name case-insensitive, as RFC 9110 says; Prism wants `Bearer`).
      if (expected === 'basic' && !isBasicToken(token))
        return `${name}: the Basic credentials are not base64 of user:password`;
      if (expected === 'bearer') return bearerMissing(name, auth);
      return undefined;
    }
    case 'oauth2':
    case 'openIdConnect': {
      // As Prism: OAuth 2 and OpenID Connect access tokens are sent as Bearer tokens (RFC 6750).
      const auth = source.header('authorization');
      if (auth === undefined) return `${name}: the Authorization header is missing`;
      return bearerMissing(name, auth);
    }
    default:
      // mutualTLS and custom schemes cannot be seen in a plain request: accept.
      return undefined;
  }
}

/**
 * Checks that the credentials one of the requirements asks for are present and well-formed for
 * their scheme (not that they are valid: this is a mock), as Prism checks them. Returns undefined
 * when some alternative is satisfied.
 */
export function checkSecurity(
  requirements: readonly SecurityRequirement[],
  schemes: Record<string, SecurityScheme>,
  source: CredentialSource,
): SecurityFailure | undefined {
  if (requirements.length === 0) return undefined;
  const reasons: string[] = [];
  const challenges: string[] = [];
  for (const requirement of requirements) {
    const names = Object.keys(requirement);
    if (names.length === 0) {
      // `{}`: anonymous access, as Prism reads it — met by a request without credentials; one
      // whose Authorization header meets none of the other alternatives is refused.
      if (source.header('authorization') === undefined) return undefined;
      reasons.push('anonymous access: the request sends an Authorization header');
      continue;
    }
    const unmet: string[] = [];
    for (const name of names) {
      const scheme = schemes[name];
      const why = missing(name, scheme, source);
      if (why === undefined) continue;
      unmet.push(why);
      const challenge = scheme ? challengeOf(scheme) : undefined;
      if (challenge && !challenges.includes(challenge)) challenges.push(challenge);
    }
    if (unmet.length === 0) return undefined;
    reasons.push(unmet.join(' and '));
  }
  return { reasons, challenges };
}
