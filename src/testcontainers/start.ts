import { GauntletError } from '../errors.js';

/**
 * Starts a container and turns testcontainers' failure into a coded error that says what to do.
 * testcontainers stops and removes a container that never became ready; the session's reaper
 * removes anything left if the process dies on the way.
 */
export async function startWithCleanError<T>(what: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const missingImage = /no such image|image not known|pull access denied|manifest unknown/i.test(
      reason,
    );
    throw new GauntletError(
      'GAUNTLET_E_CONTAINER_START',
      `Failed to start the ${what} container: because ${reason.split('\n').slice(0, 8).join(' ')}`,
      {
        hint: missingImage
          ? 'Build the image first: `gauntlet image build` (add --offline where no registry is reachable), or `ensureImage()` in the test setup.'
          : 'The container was removed; its log is in the message above.',
      },
    );
  }
}
