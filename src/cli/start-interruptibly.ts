import { type ManagedProcess, type StopSignal, untilSignal } from '../index.js';

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

/**
 * The processes a start spawns (`up`, `dev`): each one that exits before we stop it is reported
 * through `exited`; `stopSpawned` stops them all by PID (for `startInterruptibly`), and `stopping`
 * says the exits from now on are ours.
 */
export function spawnedProcesses(exited: (process: ManagedProcess, how: string) => void): {
  onSpawn: (process: ManagedProcess) => void;
  stopSpawned: () => Promise<void>;
  stopping: () => void;
} {
  const spawned: ManagedProcess[] = [];
  let stopping = false;
  return {
    onSpawn(process) {
      spawned.push(process);
      void process.exited.then((exit) => {
        if (!stopping) exited(process, exit.signal ?? `code ${exit.code}`);
      });
    },
    async stopSpawned() {
      stopping = true;
      await Promise.all(spawned.map((p) => p.stop()));
    },
    stopping() {
      stopping = true;
    },
  };
}
