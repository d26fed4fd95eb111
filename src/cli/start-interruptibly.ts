import { type StopSignal, untilSignal } from '../index.js';

export interface StartInterruptiblyOptions<T> {
  /** Starts things; should stop starting more once `signal` is aborted. */
  start(signal: AbortSignal): Promise<T>;
  /** Stops what `start` returned. */
  stop(value: T): Promise<void>;
  /** Stops every process spawned so far (also those not healthy yet), by PID. */
  stopSpawned(): Promise<void>;
}

export type Started<T> =
  | { interrupted: false; value: T; stopped: Promise<StopSignal>; dispose(): void }
  | { interrupted: true };

/**
 * Starts something long-running (services, mocks) so that Ctrl-C works at any moment: during
 * the start, everything spawned is stopped and `{ interrupted: true }` returned; after it,
 * `stopped` resolves on Ctrl-C and the caller stops `value`. A failed start rethrows, with its
 * signal handlers removed.
 *
 * @example
 * const started = await startInterruptibly({ start, stop: (s) => s.stop(), stopSpawned });
 * if (started.interrupted) return 130;
 * await started.stopped;
 * await started.value.stop();
 */
export async function startInterruptibly<T>(
  options: StartInterruptiblyOptions<T>,
): Promise<Started<T>> {
  const signal = untilSignal();
  const abort = new AbortController();
  const interrupted = signal.promise.then(() => {
    abort.abort();
    return 'interrupted' as const;
  });
  const starting = options.start(abort.signal);
  const first = await Promise.race([
    starting.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    interrupted,
  ]);
  if (first === 'interrupted') {
    // Stopping the spawned processes makes pending health checks fail fast.
    await options.stopSpawned();
    await starting.then(
      (value) => options.stop(value),
      () => undefined,
    );
    await options.stopSpawned();
    return { interrupted: true };
  }
  if (!first.ok) {
    signal.dispose();
    throw first.error;
  }
  return {
    interrupted: false,
    value: first.value,
    stopped: signal.promise,
    dispose: signal.dispose,
  };
}
