// Container test files take this lock so that only one runs at a time. Two sessions at once on
// Podman were seen, about once in seven paired runs, to leave the shop test's Toxiproxy letting a
// call through untoxic (a 201 through a 5 s latency toxic); it never happened with one session
// alone. The suspected cause is Podman choosing host ports for concurrent creates
// (containers/podman#6799, #19048); it is noted in the session's closing note, not hidden here.

import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const LOCK = join(tmpdir(), 'gauntlet-container-tests.lock');

function holderAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(LOCK, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until no other live process holds the lock, takes it, and returns its release. */
export async function lockContainerTests(timeoutMs = 600_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (readFileSync(LOCK, 'utf8') === String(process.pid)) rmSync(LOCK, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!holderAlive()) {
      rmSync(LOCK, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `container tests: ${LOCK} still held by another process after ${timeoutMs} ms`,
      );
    }
    await sleep(250);
  }
}
