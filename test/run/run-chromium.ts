import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs Debian's chromium headless with everything that would reach the network or need a
 * session bus turned off; resolves with its stdout (the DOM for --dump-dom).
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
