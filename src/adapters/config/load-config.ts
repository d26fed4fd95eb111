import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GauntletConfig } from '../../config.js';
import { GauntletError } from '../../errors.js';

/** Looked for in this order; the first that exists wins. */
export const CONFIG_FILE_NAMES = [
  'gauntlet.config.ts',
  'gauntlet.config.mts',
  'gauntlet.config.js',
  'gauntlet.config.mjs',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function configError(file: string, reason: string, cause?: unknown): GauntletError {
  return new GauntletError('GAUNTLET_E_CONFIG', `Failed to load ${file}: ${reason}.`, {
    hint: 'Fix the file (its default export must be `defineConfig({...})`), or remove it to use the defaults.',
    location: { file },
    ...(cause === undefined ? {} : { cause }),
  });
}

function checkStringRecord(file: string, where: string, value: unknown): void {
  if (!isRecord(value)) throw configError(file, `${where} must be an object of strings`);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw configError(file, `${where}.${key} must be a string`);
  }
}

/** Checks the parts of the config that commands read; unknown keys are left for later features. */
export function validateConfig(file: string, value: unknown): GauntletConfig {
  if (!isRecord(value)) {
    throw configError(
      file,
      'its default export is not an object (export default defineConfig({...}))',
    );
  }
  const { services, mock } = value;
  if (services !== undefined) {
    if (!isRecord(services))
      throw configError(file, '`services` must be an object keyed by service name');
    for (const [name, service] of Object.entries(services)) {
      if (!isRecord(service)) throw configError(file, `services.${name} must be an object`);
      const { contracts, mockName } = service;
      if (
        contracts !== undefined &&
        (!Array.isArray(contracts) || contracts.some((c) => typeof c !== 'string'))
      ) {
        throw configError(file, `services.${name}.contracts must be an array of paths`);
      }
      if (mockName !== undefined && typeof mockName !== 'string') {
        throw configError(file, `services.${name}.mockName must be a string`);
      }
    }
  }
  if (mock !== undefined) {
    if (!isRecord(mock)) throw configError(file, '`mock` must be an object');
    const { port, names } = mock;
    if (
      port !== undefined &&
      (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)
    ) {
      throw configError(file, 'mock.port must be an integer between 0 and 65535');
    }
    if (names !== undefined) checkStringRecord(file, 'mock.names', names);
  }
  return value as GauntletConfig;
}

/**
 * Loads `gauntlet.config.ts` (or `.mts`, `.js`, `.mjs`) from `cwd`. TypeScript configs are
 * imported through tsx, so users need no build step. No config file gives `{}`; a file that
 * fails to import or has the wrong shape throws GAUNTLET_E_CONFIG naming the file and why.
 *
 * @example
 * const config = await loadConfig(process.cwd());
 * const port = config.mock?.port ?? 4010;
 */
export async function loadConfig(cwd: string): Promise<GauntletConfig & { file?: string }> {
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(cwd, name);
    if (!(await exists(file))) continue;
    let module: unknown;
    try {
      const url = pathToFileURL(file).href;
      if (name.endsWith('ts')) {
        // Loaded lazily: tsx registers a loader, which only TypeScript configs need.
        const { tsImport } = await import('tsx/esm/api');
        module = await tsImport(url, import.meta.url);
      } else {
        module = await import(url);
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw configError(name, `because importing it threw: ${reason}`, error);
    }
    let exported = isRecord(module) ? module.default : undefined;
    // A .ts file outside a `"type": "module"` package is compiled as CommonJS by tsx, whose
    // `export default` arrives one level down as `{ default: config }`.
    if (isRecord(exported) && Object.keys(exported).length === 1 && isRecord(exported.default)) {
      exported = exported.default;
    }
    if (exported === undefined) {
      throw configError(name, 'it has no default export (export default defineConfig({...}))');
    }
    return { ...validateConfig(name, exported), file };
  }
  return {};
}
