import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Gauntlet's reaper, in place of testcontainers' Ryuk (whose image comes from a registry): a
 * small detached Node process that waits for this process to end — normally, by Ctrl-C, by a
 * crash or by SIGKILL — and then removes every container labelled with this session and
 * every network named after it. Containers stopped by the test itself are already gone; the reaper is the net.
 */
export function startReaper(options: {
  dockerHost: string;
  label: string;
  value: string;
  networkPrefix: string;
}): void {
  const ts = import.meta.url.endsWith('.ts');
  const main = fileURLToPath(
    new URL(ts ? './reaper-main.ts' : './reaper-main.js', import.meta.url),
  );
  const child = spawn(
    process.execPath,
    [
      ...(ts ? ['--import', 'tsx'] : []),
      main,
      String(process.pid),
      options.dockerHost,
      options.label,
      options.value,
      options.networkPrefix,
    ],
    { detached: true, stdio: 'ignore' },
  );
  // The reaper must outlive us: it is not waited for and does not keep the event loop alive.
  child.unref();
}
