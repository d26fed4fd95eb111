import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GauntletConfig } from '../../config.js';
import { isRecord } from '../../util/guards.js';
import { checkPort, checkStringArray, checkStringRecord, configError } from './config-error.js';
import { validateServices } from './validate-services.js';

/** Looked for in this order; the first that exists wins. */
export const CONFIG_FILE_NAMES = [
  'gauntlet.config.ts',
  'gauntlet.config.mts',
  'gauntlet.config.js',
  'gauntlet.config.mjs',
] as const;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
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
  const { services, mock, run, chaos } = value;
  if (services !== undefined) validateServices(file, services);
  if (mock !== undefined) {
    if (!isRecord(mock)) throw configError(file, '`mock` must be an object');
    const { port, names } = mock;
    if (port !== undefined) checkPort(file, 'mock.port', port);
    if (names !== undefined) checkStringRecord(file, 'mock.names', names);
  }
  if (run !== undefined) {
    if (!isRecord(run)) throw configError(file, '`run` must be an object');
    const { contracts, scenarios, reportDir, load, postman } = run;
    if (contracts !== undefined) checkStringArray(file, 'run.contracts', contracts, 'paths');
    if (scenarios !== undefined) checkStringArray(file, 'run.scenarios', scenarios, 'paths');
    if (load !== undefined) checkStringArray(file, 'run.load', load, 'paths');
    if (postman !== undefined) {
      const services = isRecord(value.services) ? value.services : {};
      if (!Array.isArray(postman)) throw configError(file, 'run.postman must be an array');
      postman.forEach((entry, i) => {
        const at = `run.postman[${i}]`;
        if (!isRecord(entry) || typeof entry.collection !== 'string')
          throw configError(file, `${at}.collection must be a collection file path`);
        if (typeof entry.service !== 'string' || !(entry.service in services))
          throw configError(file, `${at}.service must name a service of \`services\``);
        if (entry.variables !== undefined)
          checkStringRecord(file, `${at}.variables`, entry.variables);
      });
    }
    if (reportDir !== undefined && typeof reportDir !== 'string') {
      throw configError(file, 'run.reportDir must be a string');
    }
  }
  if (chaos !== undefined) {
    if (!isRecord(chaos)) throw configError(file, '`chaos` must be an object');
    const { experiments, stage, toxiproxy, reportDir } = chaos;
    if (experiments !== undefined)
      checkStringArray(file, 'chaos.experiments', experiments, 'paths');
    if (stage !== undefined) checkStringArray(file, 'chaos.stage', stage, 'paths');
    if (toxiproxy !== undefined && typeof toxiproxy !== 'string') {
      throw configError(file, 'chaos.toxiproxy must be a string: a URL or "docker"');
    }
    if (reportDir !== undefined && typeof reportDir !== 'string') {
      throw configError(file, 'chaos.reportDir must be a string');
    }
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
