import type { Parameter, SecurityRequirement, SecurityScheme } from '../../model/index.js';
import type { Sdk } from './sdk.js';

/** What one Postman `auth` block asks of a request, as the model says it. */
export interface AuthDemand {
  /** `[]` when the request needs no credentials, else one requirement naming one scheme. */
  security: SecurityRequirement[];
  /** Credentials that are no standard scheme (Hawk, AWS v4, NTLM, OAuth 1…) as required parameters. */
  parameters: Parameter[];
}

/** Security schemes met while loading one collection, each under one name. */
export class SchemeRegistry {
  readonly schemes: Record<string, SecurityScheme> = {};
  private readonly keys = new Map<string, string>();

  /** The name of `scheme`, registering it the first time it is seen. */
  nameOf(base: string, scheme: SecurityScheme): string {
    const key = JSON.stringify(scheme);
    const known = this.keys.get(key);
    if (known) return known;
    let name = base;
    for (let n = 2; name in this.schemes; n++) name = `${base}${n}`;
    this.schemes[name] = scheme;
    this.keys.set(key, name);
    return name;
  }
}

function required(name: string, location: 'header' | 'query', description: string): Parameter {
  return { name, in: location, required: true, description, examples: [] };
}

const NONE: AuthDemand = { security: [], parameters: [] };

/**
 * Reads a Postman `auth` block (v2.0 objects or v2.1 key/value lists; the SDK reads both) as
 * Prism does: basic, digest and bearer are HTTP schemes, `apikey` an API key in a header or
 * query, OAuth 2 a bearer token (or an `access_token` query parameter when the token goes in the
 * URL); schemes that sign requests become the headers or query parameters they add.
 */
export function readAuth(
  sdk: Sdk,
  auth: unknown,
  substitute: (text: string) => string,
  registry: SchemeRegistry,
): AuthDemand {
  if (typeof auth !== 'object' || auth === null || Array.isArray(auth)) return NONE;
  const type = (auth as { type?: unknown }).type;
  if (typeof type !== 'string' || type === 'noauth') return NONE;
  const parameters = new sdk.RequestAuth(
    auth as ConstructorParameters<Sdk['RequestAuth']>[0],
  ).parameters();
  const param = (key: string): string | undefined => {
    const value: unknown = parameters.get(key);
    return value === undefined || value === null ? undefined : substitute(String(value));
  };
  const use = (base: string, scheme: SecurityScheme): AuthDemand => ({
    security: [{ [registry.nameOf(base, scheme)]: [] }],
    parameters: [],
  });
  switch (type) {
    case 'basic':
    case 'digest':
    case 'bearer':
      return use(`${type}Auth`, { type: 'http', scheme: type });
    case 'apikey': {
      const where = param('in');
      return use('apiKey', {
        type: 'apiKey',
        name: param('key') ?? 'X-API-Key',
        in: where === 'query' ? 'query' : 'header',
      });
    }
    case 'oauth2':
      if (param('addTokenTo') === 'queryParams')
        return {
          security: [],
          parameters: [required('access_token', 'query', 'OAuth2 access token')],
        };
      return use('oauth2', { type: 'http', scheme: 'bearer', description: 'OAuth2 access token' });
    case 'oauth1':
      if (param('addParamsToHeader'))
        return {
          security: [],
          parameters: [required('Authorization', 'header', 'OAuth1 Authorization header')],
        };
      return {
        security: [],
        parameters: [
          'oauth_consumer_key',
          'oauth_token',
          'oauth_signature_method',
          'oauth_timestamp',
          'oauth_nonce',
          'oauth_version',
          'oauth_signature',
        ].map((name) => ({
          ...required(name, 'query', 'OAuth1 parameter'),
          required: !param('addEmptyParamsToSign'),
        })),
      };
    case 'hawk':
      return {
        security: [],
        parameters: [
          {
            ...required('Authorization', 'header', 'Hawk Authorization header'),
            schema: { type: 'string', pattern: '^Hawk .+$' },
          },
        ],
      };
    case 'ntlm':
      return {
        security: [],
        parameters: [
          {
            ...required('Authorization', 'header', 'NTLM Authorization header'),
            schema: { type: 'string', pattern: '^NTLM .+$' },
          },
        ],
      };
    case 'awsv4':
      return {
        security: [],
        parameters: [
          required('X-Amz-Security-Token', 'header', 'AWS v4 security token'),
          required('X-Amz-Date', 'header', 'AWS v4 date'),
          required('Authorization', 'header', 'AWS v4 Authorization header'),
        ],
      };
    case 'edgegrid':
      return {
        security: [],
        parameters: [required('Authorization', 'header', 'Akamai EdgeGrid Authorization header')],
      };
    default:
      return NONE;
  }
}
