import { isRecord } from '../../util/guards.js';
/**
 * AMF writes RAML's `baseUri` as `servers` on every operation and leaves the `{version}`
 * variable's default empty. Moves identical operation servers to the document (so the model has
 * `service.servers`) and fills empty variable defaults (`{version}` from the RAML `version`, others from their
 * `enum`) (mutates `openapi`).
 */
export function hoistServers(openapi: unknown): void {
  if (!isRecord(openapi) || !isRecord(openapi.paths)) return;
  const holders: Record<string, unknown>[] = [];
  for (const item of Object.values(openapi.paths)) {
    if (!isRecord(item)) continue;
    for (const op of Object.values(item)) if (isRecord(op) && 'responses' in op) holders.push(op);
  }
  const first = holders[0]?.servers;
  if (!Array.isArray(first) || openapi.servers !== undefined) return;
  const same = JSON.stringify(first);
  if (!holders.every((op) => JSON.stringify(op.servers) === same)) return;
  for (const op of holders) delete op.servers;
  const version = isRecord(openapi.info) ? openapi.info.version : undefined;
  for (const server of first) {
    const variables = isRecord(server) && isRecord(server.variables) ? server.variables : {};
    for (const [name, variable] of Object.entries(variables)) {
      if (!isRecord(variable) || variable.default !== '') continue;
      // OpenAPI needs a default; RAML's `{version}` means the API's `version`, and a
      // parameter with an `enum` but no `default` can only take one of its values.
      if (name === 'version' && typeof version === 'string') variable.default = version;
      else if (Array.isArray(variable.enum) && variable.enum.length > 0) {
        variable.default = String(variable.enum[0]);
      }
    }
  }
  openapi.servers = first;
}
