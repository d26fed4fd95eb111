/**
 * Resolves on the first SIGINT or SIGTERM (Ctrl-C), then removes its handlers: for commands that
 * run until the user stops them (`gauntlet up`, `gauntlet dev`) and then clean up normally.
 *
 * @example
 * const stopped = untilSignal();
 * printUrls();
 * await stopped.promise;
 * await system.stop();
 */
export function untilSignal(): { promise: Promise<NodeJS.Signals>; dispose(): void } {
  let dispose = (): void => undefined;
  const promise = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      dispose();
      resolve(signal);
    };
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return { promise, dispose };
}
