import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * The one atomic file writer: a reader (or a crash) only ever sees the old content or the new,
 * never half of a file. Writes a temporary file in the same folder (same file system, so the
 * rename is atomic), then renames it over the target; the temporary file is removed on failure.
 * Errors are the file system's: callers wrap them with their own code and hint.
 */

function tempName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Writes `text` to `file` so that a reader only ever sees the old content or the new.
 *
 * @example
 * await writeAtomic('reports/summary.json', JSON.stringify(summary));
 */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = tempName(file);
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * The synchronous form, for a writer that must have the file on disk before it goes on (the
 * recorder writes before it answers, so an answered exchange is never lost).
 *
 * @example
 * writeAtomicSync('recording.json', JSON.stringify(simulation));
 */
export function writeAtomicSync(file: string, text: string): void {
  const temp = tempName(file);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
