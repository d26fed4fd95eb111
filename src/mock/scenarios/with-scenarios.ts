import { sessionOf } from '../session.js';
import type { MockEngine } from '../types.js';
import type { ScenarioEngine } from './types.js';

/**
 * Puts scenarios in front of an engine: a request a scenario stub answers (in the state of the
 * request's `X-Gauntlet-Session`) gets that answer; any other falls through to `engine`.
 * `reset(session?)` resets both.
 *
 * @example
 * const engine = withScenarios(compile(services), compileScenarios(loaded.definitions, { files: loaded.files }));
 */
export function withScenarios(engine: MockEngine, scenarios: ScenarioEngine): MockEngine {
  const wrapped: MockEngine = {
    handle(request) {
      return scenarios.handle(request, sessionOf(request)) ?? engine.handle(request);
    },
    reset(session) {
      scenarios.reset(session);
      engine.reset?.(session);
    },
  };
  if (engine.warmUp !== undefined)
    wrapped.warmUp = (keepGoing) => engine.warmUp?.(keepGoing) ?? false;
  return wrapped;
}
