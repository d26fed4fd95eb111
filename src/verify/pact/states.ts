import type { Diagnostic, Service } from '../../model/index.js';
import type { ProviderStates, ProviderStatesModule, StateParams } from './types.js';

/**
 * Identity helper that types a provider-states module's exports (vitest's `defineConfig` habit).
 *
 * @example
 * export const { states, messages } = defineProviderStates({
 *   states: { 'SKU abc has 3 in stock': ({ sku, available }) => store.setStock(String(sku), Number(available)) },
 * });
 */
export function defineProviderStates<T extends ProviderStatesModule>(module: T): T {
  return module;
}

/** The params of every state of an interaction merged into one object (later states win). */
export function mergeStateParams(
  providerStates: ReadonlyArray<{ name: string; params?: Record<string, unknown> }>,
): StateParams {
  const out: StateParams = {};
  for (const state of providerStates) Object.assign(out, state.params ?? {});
  return out;
}

/**
 * Warns about provider states that the pacts use but no handler sets up: the Pact core would
 * then run the interaction against whatever data the provider happens to hold.
 */
export function findMissingStates(
  services: readonly Service[],
  states: ProviderStates,
): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const service of services) {
    for (const interaction of [...service.interactions, ...service.messages]) {
      for (const state of interaction.providerStates) {
        if (Object.hasOwn(states, state.name) || seen.has(state.name)) continue;
        seen.add(state.name);
        out.push({
          code: 'verify.pact.state.missing',
          severity: 'warning',
          message: `No handler for provider state '${state.name}' (used by '${interaction.description}' in ${service.file}). Add it to the states module's \`states\` export.`,
          location: { file: service.file },
        });
      }
    }
  }
  return out;
}
