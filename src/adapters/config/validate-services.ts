import { dependencyOrder } from '../../system/dependency-order.js';
import { isRecord } from '../../util/guards.js';
import { checkPort, checkStringArray, checkStringRecord, configError } from './config-error.js';

/** What an environment variable name may be (POSIX portable names). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkStart(file: string, where: string, start: unknown): void {
  if (!isRecord(start)) throw configError(file, `${where} must be an object ({ command, args })`);
  const { command, args, env, cwd } = start;
  if (typeof command !== 'string' || command.trim() === '') {
    throw configError(file, `${where}.command must be a non-empty string`);
  }
  if (args !== undefined) checkStringArray(file, `${where}.args`, args, 'strings');
  if (env !== undefined) checkStringRecord(file, `${where}.env`, env);
  if (cwd !== undefined && typeof cwd !== 'string') {
    throw configError(file, `${where}.cwd must be a string`);
  }
}

function checkDependency(
  file: string,
  where: string,
  dep: unknown,
  owner: string,
  names: ReadonlySet<string>,
): void {
  if (!isRecord(dep)) throw configError(file, `${where} must be an object ({ service, env })`);
  const { service, contracts, env, path } = dep;
  if (typeof service !== 'string') throw configError(file, `${where}.service must be a string`);
  if (!names.has(service)) {
    const known = [...names].join(', ');
    throw configError(
      file,
      `${where}.service names "${service}", which is not a key of \`services\` (${known})`,
    );
  }
  if (service === owner) throw configError(file, `${where}: ${owner} cannot depend on itself`);
  if (contracts !== undefined) {
    checkStringArray(file, `${where}.contracts`, contracts, 'paths');
  }
  if (typeof env !== 'string' || !ENV_NAME.test(env)) {
    throw configError(
      file,
      `${where}.env must be the name of an environment variable (letters, digits, _), e.g. "INVENTORY_URL"`,
    );
  }
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
    throw configError(file, `${where}.path must be a string starting with "/"`);
  }
}

/**
 * Checks `services`: each entry's fields, that every dependency names a configured service, and
 * that the dependencies have no cycle (a cycle has no start order). Throws GAUNTLET_E_CONFIG.
 */
export function validateServices(file: string, services: unknown): void {
  if (!isRecord(services)) {
    throw configError(file, '`services` must be an object keyed by service name');
  }
  const names = new Set(Object.keys(services));
  for (const [name, service] of Object.entries(services)) {
    const at = `services.${name}`;
    if (!isRecord(service)) throw configError(file, `${at} must be an object`);
    const { contracts, mockName, start, port, health, dependsOn, requestHeaders } = service;
    if (contracts !== undefined) checkStringArray(file, `${at}.contracts`, contracts, 'paths');
    if (mockName !== undefined && typeof mockName !== 'string') {
      throw configError(file, `${at}.mockName must be a string`);
    }
    if (start !== undefined) checkStart(file, `${at}.start`, start);
    if (port !== undefined) checkPort(file, `${at}.port`, port);
    if (health !== undefined && (typeof health !== 'string' || !health.startsWith('/'))) {
      throw configError(file, `${at}.health must be a path starting with "/", e.g. "/health"`);
    }
    if (requestHeaders !== undefined) {
      checkStringRecord(file, `${at}.requestHeaders`, requestHeaders);
    }
    if (dependsOn !== undefined) {
      if (!Array.isArray(dependsOn)) {
        throw configError(file, `${at}.dependsOn must be an array of { service, env }`);
      }
      for (const [index, dep] of dependsOn.entries()) {
        checkDependency(file, `${at}.dependsOn[${index}]`, dep, name, names);
      }
    }
  }
  const order = dependencyOrder(
    services as Record<string, { dependsOn?: Array<{ service: string }> }>,
  );
  if (!order.ok) {
    throw configError(
      file,
      `the services depend on each other in a cycle (${order.cycle.join(' → ')}), so they have no start order`,
    );
  }
}
