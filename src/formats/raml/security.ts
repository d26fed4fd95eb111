import type {
  SecurityRequirement as AmfRequirement,
  SecurityScheme as AmfScheme,
  ParametrizedSecurityScheme,
  Settings,
} from 'amf-client-js';
import type { SecurityRequirement, SecurityScheme } from '../../model/index.js';

/**
 * RAML `securitySchemes`/`securedBy`, read from the AMF model rather than from AMF's OpenAPI
 * output: the conversion keeps only OAuth 2.0 (with empty `flows`) and drops Basic, Digest,
 * Pass Through and `x-` schemes into `x-amf-*` keys the OpenAPI loader does not read.
 */

function text(field: { value(): string } | undefined): string | undefined {
  const value = field?.value();
  return value === null || value === undefined || value === '' ? undefined : value;
}

interface FlowLike {
  flow?: { value(): string };
  authorizationUri?: { value(): string };
  accessTokenUri?: { value(): string };
  scopes?: Array<{ name: { value(): string } }>;
}

function flowsOf(settings: Settings | undefined): FlowLike[] {
  const flows: unknown = (settings as { flows?: unknown } | undefined)?.flows;
  return Array.isArray(flows) ? (flows as FlowLike[]) : [];
}

function grantsOf(settings: Settings | undefined): string[] {
  const grants: unknown = (settings as { authorizationGrants?: unknown } | undefined)
    ?.authorizationGrants;
  if (!Array.isArray(grants)) return [];
  return grants
    .map((g: { value(): string }) => g.value())
    .filter((g): g is string => typeof g === 'string');
}

/** RAML 1.0 and 0.8 grant names → OpenAPI flow names. */
const GRANT_TO_FLOW: Record<string, string> = {
  authorization_code: 'authorizationCode',
  code: 'authorizationCode',
  implicit: 'implicit',
  token: 'implicit',
  password: 'password',
  owner: 'password',
  client_credentials: 'clientCredentials',
  credentials: 'clientCredentials',
};

function oauth2Flows(settings: Settings | undefined): Record<string, unknown> {
  const flows = flowsOf(settings);
  const first = flows[0];
  const authorizationUrl = text(first?.authorizationUri);
  const tokenUrl = text(first?.accessTokenUri);
  const scopes: Record<string, string> = {};
  for (const flow of flows) for (const scope of flow.scopes ?? []) scopes[scope.name.value()] = '';
  const out: Record<string, unknown> = {};
  const grants = grantsOf(settings);
  const named = grants.length > 0 ? grants : flows.map((f) => text(f.flow) ?? '');
  for (const grant of named) {
    const flow = GRANT_TO_FLOW[grant];
    if (flow === undefined) continue;
    out[flow] = {
      ...(flow === 'authorizationCode' || flow === 'implicit' ? { authorizationUrl } : {}),
      ...(flow === 'implicit' ? {} : { tokenUrl }),
      scopes,
    };
  }
  return out;
}

/** One RAML security scheme in the model's terms. */
export function mapScheme(name: string, scheme: AmfScheme): SecurityScheme {
  const type = text(scheme.type) ?? '';
  const description = text(scheme.description);
  const extra = description === undefined ? {} : { description };
  switch (type) {
    case 'OAuth 2.0':
      return { type: 'oauth2', flows: oauth2Flows(scheme.settings), ...extra };
    case 'Basic Authentication':
      return { type: 'http', scheme: 'basic', ...extra };
    case 'Digest Authentication':
      return { type: 'http', scheme: 'digest', ...extra };
    case 'http': {
      const httpScheme = text((scheme.settings as { scheme?: { value(): string } }).scheme);
      return { type: 'http', scheme: httpScheme ?? 'bearer', ...extra };
    }
    case 'apiKey': {
      const settings = scheme.settings as { name?: { value(): string }; in?: { value(): string } };
      const where = text(settings.in);
      const location = where === 'query' || where === 'cookie' ? where : 'header';
      return { type: 'apiKey', name: text(settings.name) ?? name, in: location, ...extra };
    }
    default:
      // Pass Through, OAuth 1.0 and `x-…` schemes: kept by name, not checked.
      return { type: 'other', name: type || name, ...extra };
  }
}

function scopesOf(psc: ParametrizedSecurityScheme): string[] {
  const scopes: string[] = [];
  for (const flow of flowsOf(psc.settings)) {
    for (const scope of flow.scopes ?? []) scopes.push(scope.name.value());
  }
  return scopes;
}

export interface MappedSecurity {
  requirements: SecurityRequirement[];
  /** Every scheme the requirements name, by name. */
  schemes: Record<string, SecurityScheme>;
}

/** RAML `securedBy: [a, b, null]` = a OR b OR anonymous; `null` maps to `{}`. */
export function mapRequirements(requirements: readonly AmfRequirement[]): MappedSecurity {
  const out: MappedSecurity = { requirements: [], schemes: {} };
  for (const requirement of requirements) {
    const entry: SecurityRequirement = {};
    for (const psc of requirement.schemes) {
      const name = text(psc.name);
      if (name === undefined || name === 'null' || psc.hasNullSecurityScheme) continue;
      entry[name] = scopesOf(psc);
      if (psc.scheme && !(name in out.schemes)) out.schemes[name] = mapScheme(name, psc.scheme);
    }
    out.requirements.push(entry);
  }
  return out;
}
