import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { GauntletError } from '../../errors.js';
import { runProcess } from '../process/run-process.js';

/**
 * The shared libraries a dynamically linked program loads, from `ldd` (the loader included).
 * Lines look like `libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)` or
 * `/lib64/ld-linux-x86-64.so.2 (0x…)`; the vDSO has no file.
 */
export function parseLdd(output: string): string[] {
  const files = new Set<string>();
  for (const line of output.split('\n')) {
    const linked = /=>\s*(\/\S+)/.exec(line);
    const loader = /^\s*(\/\S+)\s+\(0x/.exec(line);
    const file = linked?.[1] ?? loader?.[1];
    if (file) files.add(file);
  }
  return [...files];
}

/**
 * Imports a minimal Node base image made from this machine's own Node runtime: the `node` binary,
 * the libraries `ldd` says it loads, `/tmp`, and a passwd entry for uid 1000. It stands in for
 * `node:20-bookworm-slim` where no registry is reachable. Why not debootstrap: a Debian root is
 * minutes of downloads and ~200 MB more, and Node needs only glibc, libstdc++ and libgcc_s.
 * Returns the tag (`localhost/gauntlet/node-base:<node version>`); imported once per version.
 */
export async function importNodeBase(options: {
  cli: string;
  env: Record<string, string | undefined>;
  staging: string;
}): Promise<string> {
  const tag = `localhost/gauntlet/node-base:${process.version.slice(1)}`;
  const exists = await runProcess(options.cli, ['image', 'exists', tag], { env: options.env });
  if (exists.code === 0) return tag;
  const root = path.join(options.staging, 'rootfs');
  await rm(root, { recursive: true, force: true });
  const ldd = await runProcess('ldd', [process.execPath], { env: options.env, timeoutMs: 30_000 });
  if (ldd.code !== 0) {
    throw new GauntletError(
      'GAUNTLET_E_IMAGE_BUILD',
      `Failed to make a Node base image offline: because \`ldd ${process.execPath}\` ${ldd.error ?? `exited with ${ldd.code}`}. Build with a registry instead (without --offline).`,
    );
  }
  const files = [process.execPath, ...parseLdd(ldd.stdout)];
  for (const file of files) {
    const target = path.join(root, file === process.execPath ? '/usr/local/bin/node' : file);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(file, target);
    await chmod(target, 0o755);
  }
  await mkdir(path.join(root, 'tmp'), { recursive: true });
  await chmod(path.join(root, 'tmp'), 0o1777);
  await mkdir(path.join(root, 'etc'), { recursive: true });
  await writeFile(
    path.join(root, 'etc/passwd'),
    'root:x:0:0::/root:/sbin/nologin\nnode:x:1000:1000::/home/node:/sbin/nologin\n',
  );
  await writeFile(path.join(root, 'etc/group'), 'root:x:0:\nnode:x:1000:\n');
  await mkdir(path.join(root, 'home/node'), { recursive: true });
  const tarball = path.join(options.staging, 'rootfs.tar');
  const tar = await runProcess('tar', ['-C', root, '-cf', tarball, '.'], {
    env: options.env,
    timeoutMs: 120_000,
  });
  if (tar.code !== 0) {
    throw new GauntletError(
      'GAUNTLET_E_IMAGE_BUILD',
      `Failed to pack the Node base: ${tar.stderr.trim()}`,
    );
  }
  const imported = await runProcess(
    options.cli,
    ['import', '--change', 'ENV PATH=/usr/local/bin:/usr/bin:/bin', tarball, tag],
    { env: options.env, timeoutMs: 300_000 },
  );
  if (imported.code !== 0) {
    throw new GauntletError(
      'GAUNTLET_E_IMAGE_BUILD',
      `Failed to import the Node base image ${tag}: ${imported.stderr.trim().split('\n').slice(-5).join(' ')}`,
    );
  }
  return tag;
}
