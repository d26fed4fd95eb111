import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { GauntletError } from '../../errors.js';

/**
 * Writes `text` to `file` so that a reader (or a crash) only ever sees the old or the new
 * content: a temporary file in the same folder, then a rename over the target. Synchronous on
 * purpose: the recorder writes before it answers, so an answered exchange is on disk.
 *
 * @example
 * writeAtomic('recording.json', JSON.stringify(simulation));
 */
export function writeAtomic(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new GauntletError(
      'GAUNTLET_E_RECORD_WRITE',
      `Failed to write ${file}: because ${error instanceof Error ? error.message : String(error)}.`,
      { hint: 'Check that the folder exists and is writable.', cause: error },
    );
  }
}
