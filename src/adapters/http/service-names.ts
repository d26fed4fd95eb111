import { resolve } from 'node:path';
import { GauntletError } from '../../errors.js';
import type { Service } from '../../model/index.js';

/** What a mount name may contain: one URL path segment without escaping. */
const MOUNT_NAME = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;

/**
 * Gives every service the name it is mocked under (its URL prefix when several share a port):
 * `names` maps a contract file (as given, or resolved against `cwd`), a service title or a
 * service name to the name to use; the rest keep `Service.name`. Two services that end up with
 * the same default name get `-2`, `-3`... in load order; two explicit names that clash, or a
 * name that is not one URL segment, are configuration errors. Returns new objects.
 *
 * @example
 * mockNames(services, { 'contracts/orders.yaml': 'orders' }, process.cwd());
 */
export function mockNames(
  services: readonly Service[],
  names: Readonly<Record<string, string>> = {},
  cwd: string = process.cwd(),
): Service[] {
  const byPath = new Map<string, string>();
  for (const [key, value] of Object.entries(names)) byPath.set(resolve(cwd, key), value);
  const explicit = new Set<string>();
  const taken = new Set<string>();
  const out: Service[] = [];
  const renamed: Array<{ service: Service; name: string | undefined }> = services.map(
    (service) => ({
      service,
      name:
        names[service.file] ??
        byPath.get(resolve(cwd, service.file)) ??
        names[service.title] ??
        names[service.name],
    }),
  );
  for (const { service, name } of renamed) {
    if (name === undefined) continue;
    if (!MOUNT_NAME.test(name)) {
      throw new GauntletError(
        'GAUNTLET_E_CONFIG',
        `Failed to name the mock of ${service.file}: because "${name}" is not a single URL path segment.`,
        { hint: 'Use letters, digits, ".", "_", "~" and "-" only, e.g. "orders-api".' },
      );
    }
    if (explicit.has(name)) {
      throw new GauntletError(
        'GAUNTLET_E_CONFIG',
        `Failed to name the mock of ${service.file}: because another service is already named "${name}".`,
        {
          hint: 'Give each service its own name in gauntlet.config.ts (mock.names or services.*.mockName).',
        },
      );
    }
    explicit.add(name);
    taken.add(name);
  }
  for (const { service, name } of renamed) {
    if (name !== undefined) {
      out.push({ ...service, name });
      continue;
    }
    const base = MOUNT_NAME.test(service.name) ? service.name : 'service';
    let unique = base;
    for (let n = 2; taken.has(unique); n++) unique = `${base}-${n}`;
    taken.add(unique);
    out.push(unique === service.name ? service : { ...service, name: unique });
  }
  return out;
}
