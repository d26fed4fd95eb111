import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import * as path from 'node:path';

/** True when `file` is a regular file this process may execute. */
export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first executable called `name` in the PATH-style list `pathValue` (what `command -v`
 * finds), as an absolute path; undefined when there is none. Empty entries are skipped rather
 * than read as the current folder, so a stray `::` cannot pick up a project file.
 *
 * @example
 * await findOnPath('go', process.env.PATH); // '/usr/local/go/bin/go'
 */
export async function findOnPath(
  name: string,
  pathValue: string | undefined,
): Promise<string | undefined> {
  if (!pathValue) return undefined;
  for (const dir of pathValue.split(path.delimiter)) {
    if (dir === '' || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
