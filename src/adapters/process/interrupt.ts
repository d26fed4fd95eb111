/**
 * The one place Gauntlet listens to SIGINT (Ctrl-C) and SIGTERM. Every command that must clean
 * up on an interrupt goes through `onStopSignal`, directly or through `untilSignal` (run until
 * stopped, then clean up normally) or `onInterrupt` (clean up, then exit 130/143).
 */

export type StopSignal = 'SIGINT' | 'SIGTERM';

const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/**
 * Calls `handler` once, on the first SIGINT or SIGTERM, and forgets it. Returns a function that
 * removes the handler (call it in `finally` when the work ended the normal way).
 *
 * @example
 * const dispose = onStopSignal(() => worker.kill());
 * try { await work(); } finally { dispose(); }
 */
export function onStopSignal(handler: (signal: StopSignal) => void): () => void {
  const listener = (signal: StopSignal): void => {
    dispose();
    handler(signal);
  };
  const dispose = (): void => {
    for (const signal of STOP_SIGNALS) process.off(signal, listener);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, listener);
  return dispose;
}

/** The exit code a shell reports for a program stopped by `signal`: 130 (SIGINT), 143 (SIGTERM). */
export function signalExitCode(signal: StopSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/**
 * Resolves on the first SIGINT or SIGTERM (Ctrl-C), then removes its handlers: for commands that
 * run until the user stops them (`gauntlet up`, `dev`, `mock`, `record`) and then clean up normally.
 *
 * @example
 * const stopped = untilSignal();
 * printUrls();
 * await stopped.promise;
 * await system.stop();
 */
export function untilSignal(): { promise: Promise<StopSignal>; dispose(): void } {
  let dispose = (): void => undefined;
  const promise = new Promise<StopSignal>((resolve) => {
    dispose = onStopSignal(resolve);
  });
  return { promise, dispose };
}

/**
 * Runs `cleanup` on the first SIGINT or SIGTERM, then exits with 130 (SIGINT) or 143 (SIGTERM).
 * Returns a function that removes the handlers again (call it in `finally` once the cleanup ran
 * the normal way).
 *
 * @example
 * const dispose = onInterrupt(() => system.stop());
 * try { await work(); } finally { dispose(); await system.stop(); }
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  return onStopSignal((signal) => {
    void cleanup()
      .catch(() => undefined)
      .finally(() => process.exit(signalExitCode(signal)));
  });
}

/**
 * Ctrl-C in two steps, for work that can end early and still report (`gauntlet load`): the first
 * SIGINT or SIGTERM calls `graceful` (end the run, write what was measured); a second one runs
 * `cleanup` and exits with 130/143, as `onInterrupt` does. Returns a function that removes
 * whichever handler is listening.
 *
 * @example
 * const dispose = onInterruptTwice(() => controller.abort(), () => cleanupAll());
 * try { await run(controller.signal); } finally { dispose(); await cleanupAll(); }
 */
export function onInterruptTwice(
  graceful: (signal: StopSignal) => void,
  cleanup: () => Promise<void>,
): () => void {
  let disposeSecond = (): void => undefined;
  const disposeFirst = onStopSignal((signal) => {
    disposeSecond = onInterrupt(cleanup);
    graceful(signal);
  });
  return () => {
    disposeFirst();
    disposeSecond();
  };
}
