import type { Service } from '../../src/model/index.js';

/**
 * What a contract's requests are, as `METHOD /path` keys: its operations (OpenAPI, RAML,
 * collections), the distinct method and path of its pact interactions, or of its Hoverfly pairs
 * whose method and path are exact matchers. An export to Postman that is loaded back must give
 * the same set.
 */
export function roundTripKeys(service: Service): string[] {
  const keys = new Set<string>();
  for (const o of service.operations) keys.add(`${o.method} ${o.path}`);
  for (const i of service.interactions)
    keys.add(`${i.request.method.toUpperCase()} ${i.request.path}`);
  for (const pair of service.hoverfly?.pairs ?? []) {
    const [method] = pair.request.method ?? [];
    const [path] = pair.request.path ?? [];
    if (
      pair.request.method?.length === 1 &&
      pair.request.path?.length === 1 &&
      method?.matcher === 'exact' &&
      path?.matcher === 'exact'
    )
      keys.add(`${String(method.value).toUpperCase()} ${String(path.value)}`);
  }
  return [...keys].sort();
}
