/**
 * Runs `cleanup` on the first SIGINT or SIGTERM, then exits with 130 (SIGINT) or 143 (SIGTERM),
 * the codes a shell reports for a program stopped by those signals. Returns a function that
 * removes the handlers again (call it in `finally` once the cleanup ran the normal way).
 *
 * @example
 * const dispose = onInterrupt(() => system.stop());
 * try { await work(); } finally { dispose(); await system.stop(); }
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    dispose();
    void cleanup()
      .catch(() => undefined)
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const dispose = (): void => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return dispose;
}
