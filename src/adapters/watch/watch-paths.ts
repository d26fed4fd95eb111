import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';

export interface WatchPathsOptions {
  /** Quiet time after the last change before `onChange` runs (editors write in bursts). Default 150. */
  debounceMs?: number;
  /** Folder relative paths are resolved against. */
  cwd: string;
  /** Told when a path cannot be watched (it is skipped; the others still are). */
  onError?: (error: Error) => void;
}

export interface PathWatcher {
  close(): void;
}

/**
 * Calls `onChange` (debounced) when any of `paths` changes. A file is watched through its
 * folder, filtered by name: editors that save by writing a new file and renaming it over the
 * old one replace the inode, and a watch on the file itself would go deaf after the first save.
 * Folders are watched recursively.
 *
 * @example
 * const watcher = await watchPaths(['contracts/'], () => reload(), { cwd: process.cwd() });
 * watcher.close();
 */
export async function watchPaths(
  paths: string[],
  onChange: () => void,
  options: WatchPathsOptions,
): Promise<PathWatcher> {
  const debounceMs = options.debounceMs ?? 150;
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const changed = (): void => {
    if (closed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) onChange();
    }, debounceMs);
  };
  const folders = new Map<string, Set<string> | 'all'>();
  for (const path of paths) {
    const absolute = resolve(options.cwd, path);
    const isFolder = await stat(absolute).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (isFolder) {
      folders.set(absolute, 'all');
      continue;
    }
    const folder = dirname(absolute);
    const names = folders.get(folder);
    if (names === 'all') continue;
    folders.set(folder, (names ?? new Set()).add(basename(absolute)));
  }
  for (const [folder, names] of folders) {
    try {
      const watcher = watch(folder, { recursive: names === 'all' }, (_event, file) => {
        if (names === 'all' || file === null || names.has(basename(String(file)))) changed();
      });
      watcher.on('error', (error) => options.onError?.(error));
      watchers.push(watcher);
    } catch (error) {
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return {
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
