import type { MockEngine } from '../../mock/types.js';

/** Longest stretch of warm-up work between two turns of the event loop. */
export const WARM_UP_SLICE_MS = 5;

/**
 * Finishes an engine's put-off compile work (validators, default answers) in the background, in
 * slices of a few milliseconds with a turn of the event loop between them, so requests that
 * arrive meanwhile wait at most one slice. Nothing is lost if it never completes: the engine
 * builds whatever a request needs on first use. The pending timer does not keep the process
 * alive. Returns a function that stops the warm-up.
 *
 * @example
 * const stop = warmUpInBackground(engine);
 * // ... later, on close:
 * stop();
 */
export function warmUpInBackground(engine: MockEngine, sliceMs = WARM_UP_SLICE_MS): () => void {
  const warmUp = engine.warmUp?.bind(engine);
  if (warmUp === undefined) return () => {};
  let timer: NodeJS.Immediate | undefined;
  const slice = (): void => {
    const end = performance.now() + sliceMs;
    timer = warmUp(() => performance.now() < end) ? setImmediate(slice).unref() : undefined;
  };
  timer = setImmediate(slice).unref();
  return () => {
    if (timer !== undefined) clearImmediate(timer);
    timer = undefined;
  };
}
