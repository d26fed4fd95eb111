// Where the shared corpus of other people's contracts is: `GAUNTLET_CORPUS`, or `shared/corpus`
// next to the repository (/work/main → /work/shared/corpus) or next to the folder holding it
// (a worktree in /work/wt/NAME → /work/shared/corpus). Tests read it there and never copy it in.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The corpus folder. Throws, naming every place it looked, when there is none: a corpus test
 * that silently found nothing would pass on no data.
 *
 * @example
 * const pacts = join(corpusDir(), 'pacts');
 */
export function corpusDir(env: Record<string, string | undefined> = process.env): string {
  const candidates = [
    ...(env.GAUNTLET_CORPUS ? [resolve(env.GAUNTLET_CORPUS)] : []),
    resolve(REPO, '../shared/corpus'),
    resolve(REPO, '../../shared/corpus'),
  ];
  const found = candidates.find((dir) => existsSync(dir));
  if (found === undefined) {
    throw new Error(
      `The shared corpus is missing: looked in ${candidates.join(', ')}. Set GAUNTLET_CORPUS to its folder.`,
    );
  }
  return found;
}
