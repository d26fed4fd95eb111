import type { MockEngine } from '../../mock/types.js';

/** Longest stretch of warm-up work between two turns of the event loop. */
export const WARM_UP_SLICE_MS = 5;

/** How long the server must have received no request before the warm-up resumes. */
export const WARM_UP_IDLE_MS = 50;

/**
 * Requests a server has received, counted by its request listener (one integer increment on the
 * hot path). The background warm-up reads it to step aside while requests come in; one counter
 * is shared by every listener of a mock and by the warm-ups of engines swapped in on reload.
 */
export interface RequestActivity {
  requests: number;
}

/**
 * Finishes an engine's put-off compile work (validators, default answers) in the background, in
 * slices of a few milliseconds with a turn of the event loop between them, and only while the
 * server is idle: when `activity` shows a request arrived since the last slice, the warm-up waits
 * until none has arrived for `WARM_UP_IDLE_MS`, so a request never queues behind warm-up work
 * (at most behind the one task running when it arrived, a few milliseconds). Nothing is lost if
 * it never completes: the engine builds whatever a request needs on first use. The pending timer
 * does not keep the process alive. Returns a function that stops the warm-up.
 *
 * @example
 * const activity = { requests: 0 };          // the request listener does activity.requests++
 * const stop = warmUpInBackground(engine, WARM_UP_SLICE_MS, activity);
 * // ... later, on close:
 * stop();
 */
export function warmUpInBackground(
  engine: MockEngine,
  sliceMs = WARM_UP_SLICE_MS,
  activity: RequestActivity = { requests: 0 },
  idleMs = WARM_UP_IDLE_MS,
): () => void {
  const warmUp = engine.warmUp?.bind(engine);
  if (warmUp === undefined) return () => {};
  let immediate: NodeJS.Immediate | undefined;
  let timeout: NodeJS.Timeout | undefined;
  let seen = activity.requests;
  const slice = (): void => {
    immediate = undefined;
    timeout = undefined;
    if (activity.requests !== seen) {
      // Requests are being served: wait for a quiet moment.
      seen = activity.requests;
      timeout = setTimeout(slice, idleMs).unref();
      return;
    }
    const end = performance.now() + sliceMs;
    if (warmUp(() => performance.now() < end)) immediate = setImmediate(slice).unref();
  };
  immediate = setImmediate(slice).unref();
  return () => {
    if (immediate !== undefined) clearImmediate(immediate);
    if (timeout !== undefined) clearTimeout(timeout);
    immediate = undefined;
    timeout = undefined;
  };
}
