import type { Server } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { entries, invalid, items, type LoadContext } from './context.js';
import type { Located } from './documents.js';

/** Reads an OpenAPI 3 `servers` array (root, path item or operation level). */
export function readServers(ctx: LoadContext, node: Located): Server[] {
  if (node.value === undefined) return [];
  if (!Array.isArray(node.value)) {
    invalid(ctx, node, '`servers` must be an array of Server Objects');
    return [];
  }
  const out: Server[] = [];
  for (const item of items(node)) {
    const value = item.value;
    if (!isRecord(value) || typeof value.url !== 'string') {
      invalid(ctx, item, 'a Server Object must be an object with a string `url`');
      continue;
    }
    const server: Server = { url: value.url };
    if (typeof value.description === 'string') server.description = value.description;
    const variables = readVariables(ctx, { ...item, value }, value.url);
    if (variables) server.variables = variables;
    out.push(server);
  }
  return out;
}

function readVariables(
  ctx: LoadContext,
  server: Located<Record<string, unknown>>,
  url: string,
): Server['variables'] {
  const node: Located = {
    value: server.value.variables,
    doc: server.doc,
    pointer: `${server.pointer}/variables`,
  };
  if (node.value === undefined) return undefined;
  if (!isRecord(node.value)) {
    invalid(ctx, node, 'server `variables` must be an object');
    return undefined;
  }
  const out: NonNullable<Server['variables']> = {};
  for (const [name, variable] of entries(node)) {
    const value = variable.value;
    if (!isRecord(value) || typeof value.default !== 'string') {
      invalid(ctx, variable, `the server variable "${name}" needs a string \`default\``);
      continue;
    }
    const entry: NonNullable<Server['variables']>[string] = { default: value.default };
    if (value.enum !== undefined) {
      const values = Array.isArray(value.enum)
        ? value.enum.filter((v) => typeof v === 'string')
        : [];
      if (values.length === 0) {
        invalid(ctx, variable, `the server variable "${name}" has an empty or non-string \`enum\``);
      } else {
        entry.enum = values;
        if (!values.includes(value.default)) {
          // 3.1 says MUST, 3.0 says SHOULD.
          invalid(
            ctx,
            variable,
            `the default "${value.default}" of server variable "${name}" is not one of its enum values`,
            ctx.version === '3.1' ? 'error' : 'warning',
          );
        }
      }
    }
    if (typeof value.description === 'string') entry.description = value.description;
    if (!url.includes(`{${name}}`)) {
      invalid(
        ctx,
        variable,
        `the server variable "${name}" does not appear in the url ${url}`,
        'warning',
      );
    }
    out[name] = entry;
  }
  return out;
}

/** Swagger 2.0 `host` + `basePath` + `schemes` → one server per scheme. */
export function swaggerServers(root: Record<string, unknown>): Server[] {
  const basePath = typeof root.basePath === 'string' ? root.basePath : '';
  const host = typeof root.host === 'string' ? root.host : undefined;
  if (host === undefined) return basePath === '' ? [] : [{ url: basePath }];
  const schemes = Array.isArray(root.schemes)
    ? root.schemes.filter((s): s is string => typeof s === 'string')
    : [];
  const list = schemes.length > 0 ? schemes : ['https'];
  return list.map((scheme) => ({ url: `${scheme}://${host}${basePath === '/' ? '' : basePath}` }));
}
