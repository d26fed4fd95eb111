import { GauntletError } from '../../errors.js';
import type { StartedProvider } from '../../verify/pact/types.js';
import { loadStatesModule } from './load-states-module.js';
import { toVerifierOptions, type VerifyPactsOptions } from './verifier-options.js';

/** What one run of the Pact core produced, before parsing. */
export interface PactCoreRun {
  /** The core's JSON result (or its error text). */
  text: string;
  /** Every provider state with a handler (module and code). */
  stateNames: string[];
  durationMs: number;
}

/**
 * Loads the states module, starts the provider if the module can, and runs pact-js's `Verifier`
 * once. Runs inside the verify worker process, because the core prints its report on this
 * process's stdout from native code.
 */
export async function runPactCore(options: VerifyPactsOptions, cwd: string): Promise<PactCoreRun> {
  const module = options.statesModule ? await loadStatesModule(options.statesModule, cwd) : {};
  let started: StartedProvider | undefined;
  let baseUrl = options.baseUrl;
  if (baseUrl === undefined && module.startProvider) {
    started = await module.startProvider();
    baseUrl = started.url;
  }
  try {
    const hasMessages = Object.keys({ ...module.messages, ...options.messages }).length > 0;
    if (baseUrl === undefined && !hasMessages) {
      throw new GauntletError(
        'GAUNTLET_E_USAGE',
        `Failed to verify ${options.provider}: because no provider base URL was given.`,
        { hint: 'Pass --base-url URL, or export startProvider() from the states module.' },
      );
    }
    const config = await toVerifierOptions({ ...options, cwd }, module, baseUrl);
    const stateNames = Object.keys({ ...module.states, ...options.states });
    const { Verifier } = await import('@pact-foundation/pact');
    const startedAt = performance.now();
    let text: string;
    try {
      const result: unknown = await new Verifier(config).verifyProvider();
      text = typeof result === 'string' ? result : JSON.stringify(result);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!message.trimStart().startsWith('{')) {
        throw new GauntletError(
          'GAUNTLET_E_PACT_VERIFIER',
          `Failed to verify ${options.provider}: because the Pact core could not run: ${message}.`,
          {
            hint: 'Check the pact sources, the broker URL and credentials, and the provider URL.',
            cause: error,
          },
        );
      }
      text = message;
    }
    return { text, stateNames, durationMs: Math.round(performance.now() - startedAt) };
  } finally {
    await started?.close();
  }
}
