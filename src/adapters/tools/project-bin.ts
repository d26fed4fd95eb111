import * as path from 'node:path';

/** The project-local folder `gauntlet setup` installs into (gitignored). */
export const PROJECT_BIN_DIR = path.join('.gauntlet', 'bin');

/** Scratch space for installs in progress (gitignored), on the same file system as the bin folder. */
export const PROJECT_TMP_DIR = path.join('.gauntlet', 'tmp');

/** The manifest of what setup installed, next to the binaries. */
export const MANIFEST_FILE = 'versions.json';

export function projectBinDir(projectRoot: string): string {
  return path.join(projectRoot, PROJECT_BIN_DIR);
}

export function projectTmpDir(projectRoot: string): string {
  return path.join(projectRoot, PROJECT_TMP_DIR);
}
