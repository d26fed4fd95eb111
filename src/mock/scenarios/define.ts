import type { ScenarioDefinition } from './types.js';

/**
 * Declares a scenario in TypeScript with type checking; returns it unchanged (vitest's
 * `defineConfig` pattern), ready for `compileScenarios([...])`.
 *
 * @example
 * export default defineScenario({
 *   name: 'stock-abc',
 *   initialState: 'in-stock',
 *   stubs: [
 *     { state: 'in-stock', request: { method: 'POST', path: '/reservations' }, nextState: 'sold-out',
 *       response: { status: 201, body: { id: 'r-1' } } },
 *     { state: 'sold-out', request: { method: 'GET', path: '/stock/abc' },
 *       response: { body: { sku: 'abc', available: 0 } } },
 *   ],
 * });
 */
export function defineScenario(definition: ScenarioDefinition): ScenarioDefinition {
  return definition;
}
