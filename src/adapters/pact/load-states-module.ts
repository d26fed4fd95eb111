import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GauntletError } from '../../errors.js';
import { isRecord } from '../../util/guards.js';
import type { ProviderStatesModule } from '../../verify/pact/types.js';

function moduleError(file: string, reason: string, cause?: unknown): GauntletError {
  return new GauntletError(
    'GAUNTLET_E_STATES_MODULE',
    `Failed to load the provider-states module ${file}: because ${reason}.`,
    {
      hint: 'Export `states` (state name → function or {setup, teardown}), and optionally `messages` and `startProvider`.',
      location: { file },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/**
 * Imports a provider-states module (TypeScript through tsx, no build step) and checks the shape
 * of its exports: `states`, `messages`, `startProvider`, `beforeEach`, `afterEach`.
 *
 * @example
 * const module = await loadStatesModule('examples/shop/inventory/test/provider/states.ts', process.cwd());
 */
export async function loadStatesModule(file: string, cwd: string): Promise<ProviderStatesModule> {
  const path = resolve(cwd, file);
  try {
    await access(path);
  } catch {
    throw new GauntletError(
      'GAUNTLET_E_FILE_NOT_FOUND',
      `Failed to load ${file}: because it does not exist.`,
      {
        hint: 'Check the --states path (relative to the working folder).',
      },
    );
  }
  let loaded: unknown;
  try {
    const url = pathToFileURL(path).href;
    if (/\.[cm]?tsx?$/.test(path)) {
      const { tsImport } = await import('tsx/esm/api');
      loaded = await tsImport(url, import.meta.url);
    } else {
      loaded = await import(url);
    }
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw moduleError(file, `importing it threw: ${reason}`, error);
  }
  if (!isRecord(loaded)) throw moduleError(file, 'it is not a module');
  // A CommonJS-compiled .ts file puts its named exports under `default`.
  const exports = isRecord(loaded.default) && loaded.states === undefined ? loaded.default : loaded;
  const out: ProviderStatesModule = {};
  const { states, messages, startProvider, beforeEach, afterEach } = exports;
  if (states !== undefined) {
    if (!isRecord(states)) throw moduleError(file, '`states` is not an object');
    for (const [name, handler] of Object.entries(states)) {
      const ok =
        typeof handler === 'function' ||
        (isRecord(handler) &&
          (handler.setup === undefined || typeof handler.setup === 'function') &&
          (handler.teardown === undefined || typeof handler.teardown === 'function'));
      if (!ok)
        throw moduleError(file, `states['${name}'] is neither a function nor {setup, teardown}`);
    }
    out.states = states as ProviderStatesModule['states'] & object;
  }
  if (messages !== undefined) {
    if (!isRecord(messages)) throw moduleError(file, '`messages` is not an object');
    for (const [name, provider] of Object.entries(messages)) {
      if (
        typeof provider !== 'function' &&
        !(isRecord(provider) && typeof provider.build === 'function')
      ) {
        throw moduleError(file, `messages['${name}'] is neither a function nor {build, metadata}`);
      }
    }
    out.messages = messages as ProviderStatesModule['messages'] & object;
  }
  for (const [key, value] of Object.entries({ startProvider, beforeEach, afterEach })) {
    if (value !== undefined && typeof value !== 'function')
      throw moduleError(file, `\`${key}\` is not a function`);
  }
  if (typeof startProvider === 'function')
    out.startProvider = startProvider as ProviderStatesModule['startProvider'] & object;
  if (typeof beforeEach === 'function') out.beforeEach = beforeEach as () => Promise<void>;
  if (typeof afterEach === 'function') out.afterEach = afterEach as () => Promise<void>;
  return out;
}
