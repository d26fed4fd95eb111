// The one way browser checks find and run Chromium: `GAUNTLET_CHROMIUM` when set, otherwise the
// first Chromium-family program on PATH. Every browser check (the run report, the MSW page) asks
// `chromium()` and hands the answer to `describeNeeding`.
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Requirement } from './needs-tool.js';

/** Names Chromium goes by on PATH (Debian, Ubuntu, Google's builds). */
export const CHROMIUM_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
] as const;

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ChromiumLookup {
  /** The program to run, when one was found. */
  binary: string | undefined;
  /** Where it came from, or why none was found (for the skip reason). */
  source: string;
}

/**
 * Finds Chromium: `GAUNTLET_CHROMIUM` (a path; when set it is the only candidate, so a wrong one
 * is reported rather than quietly replaced), else the first of CHROMIUM_NAMES on PATH.
 *
 * @example
 * const { binary } = findChromium(process.env); // '/usr/bin/chromium' on Debian
 */
export function findChromium(env: Record<string, string | undefined>): ChromiumLookup {
  const chosen = env.GAUNTLET_CHROMIUM;
  if (chosen !== undefined && chosen !== '') {
    return isExecutableFile(chosen)
      ? { binary: chosen, source: 'GAUNTLET_CHROMIUM' }
      : { binary: undefined, source: `GAUNTLET_CHROMIUM=${chosen} is not an executable file` };
  }
  const folders = (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of folders) {
    for (const name of CHROMIUM_NAMES) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return { binary: candidate, source: 'PATH' };
    }
  }
  return {
    binary: undefined,
    source: `none of ${CHROMIUM_NAMES.join(', ')} is on PATH and GAUNTLET_CHROMIUM is not set`,
  };
}

/** Chromium as a requirement for `describeNeeding`, with the lookup's binary. */
export function chromium(env: Record<string, string | undefined> = process.env): Requirement & {
  binary: string;
} {
  const found = findChromium(env);
  return {
    name: `Chromium (${found.source})`,
    available: found.binary !== undefined,
    install:
      'apt-get install -y chromium, or set GAUNTLET_CHROMIUM to a Chromium binary (.ci/run installs it in its "apt packages" step)',
    binary: found.binary ?? '',
  };
}

/**
 * Runs Chromium headless with everything that would reach the network or need a session bus
 * turned off; resolves with its stdout (the DOM for --dump-dom).
 */
export function runChromium(binary: string, workDir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(workDir, 'chromium-profile')}`,
        ...args,
      ],
      { timeout: 45_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}
