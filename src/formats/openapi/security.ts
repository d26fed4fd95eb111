import type { SecurityRequirement, SecurityScheme } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { deref, entries, invalid, items, type LoadContext } from './context.js';
import type { Located } from './documents.js';

const FLOW_NAMES: Record<string, string> = {
  implicit: 'implicit',
  password: 'password',
  application: 'clientCredentials',
  accessCode: 'authorizationCode',
};

/** Reads `components/securitySchemes` (3.x) or `securityDefinitions` (2.0). */
export function readSecuritySchemes(
  ctx: LoadContext,
  node: Located,
): Record<string, SecurityScheme> {
  const out: Record<string, SecurityScheme> = {};
  for (const [name, raw] of entries(node)) {
    const at = deref(ctx, raw);
    if (!at) continue;
    const scheme = readScheme(ctx, name, at);
    if (scheme) out[name] = scheme;
  }
  return out;
}

function readScheme(ctx: LoadContext, name: string, node: Located): SecurityScheme | undefined {
  const v = node.value;
  if (!isRecord(v) || typeof v.type !== 'string') {
    invalid(ctx, node, `the security scheme "${name}" needs a string \`type\``);
    return undefined;
  }
  const description = typeof v.description === 'string' ? { description: v.description } : {};
  switch (v.type) {
    case 'apiKey': {
      const where = v.in;
      if (
        typeof v.name !== 'string' ||
        (where !== 'query' && where !== 'header' && where !== 'cookie')
      ) {
        invalid(
          ctx,
          node,
          `the apiKey scheme "${name}" needs \`name\` and \`in\` (query, header or cookie)`,
        );
        return undefined;
      }
      return { type: 'apiKey', name: v.name, in: where, ...description };
    }
    case 'basic':
      return { type: 'http', scheme: 'basic', ...description };
    case 'http':
      if (typeof v.scheme !== 'string') {
        invalid(ctx, node, `the http scheme "${name}" needs a string \`scheme\``);
        return undefined;
      }
      return {
        type: 'http',
        scheme: v.scheme.toLowerCase(),
        ...(typeof v.bearerFormat === 'string' ? { bearerFormat: v.bearerFormat } : {}),
        ...description,
      };
    case 'oauth2': {
      if (ctx.version === '2.0') {
        const flow = typeof v.flow === 'string' ? (FLOW_NAMES[v.flow] ?? v.flow) : 'implicit';
        const details: Record<string, unknown> = { scopes: isRecord(v.scopes) ? v.scopes : {} };
        if (typeof v.authorizationUrl === 'string') details.authorizationUrl = v.authorizationUrl;
        if (typeof v.tokenUrl === 'string') details.tokenUrl = v.tokenUrl;
        return { type: 'oauth2', flows: { [flow]: details }, ...description };
      }
      return { type: 'oauth2', flows: isRecord(v.flows) ? v.flows : {}, ...description };
    }
    case 'openIdConnect':
      if (typeof v.openIdConnectUrl !== 'string') {
        invalid(ctx, node, `the openIdConnect scheme "${name}" needs \`openIdConnectUrl\``);
        return undefined;
      }
      return { type: 'openIdConnect', openIdConnectUrl: v.openIdConnectUrl, ...description };
    case 'mutualTLS':
      return { type: 'mutualTLS', ...description };
    default:
      invalid(
        ctx,
        node,
        `the security scheme "${name}" has the unknown type "${v.type}"`,
        'warning',
      );
      return { type: 'other', name, ...description };
  }
}

/** Reads a `security` array of requirement objects; undefined when absent. */
export function readSecurity(ctx: LoadContext, node: Located): SecurityRequirement[] | undefined {
  if (node.value === undefined) return undefined;
  if (!Array.isArray(node.value)) {
    invalid(ctx, node, '`security` must be an array of Security Requirement Objects');
    return undefined;
  }
  const out: SecurityRequirement[] = [];
  for (const item of items(node)) {
    if (!isRecord(item.value)) {
      invalid(ctx, item, 'a Security Requirement must be an object');
      continue;
    }
    const requirement: SecurityRequirement = {};
    for (const [name, scopes] of Object.entries(item.value)) {
      requirement[name] = Array.isArray(scopes)
        ? scopes.filter((s): s is string => typeof s === 'string')
        : [];
    }
    out.push(requirement);
  }
  return out;
}
