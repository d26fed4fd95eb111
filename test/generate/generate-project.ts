// Helpers for the generated-client tests: write generated files into a temporary TypeScript
// project that resolves packages from this repo's node_modules, plus `gauntlet` itself as a user
// who installed it gets it (the built dist/ through package.json "exports"), and type-check it.
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GeneratedFile } from '../../src/generate/client/generate-client.js';

export const REPO = resolve(import.meta.dirname, '../..');

/** Compiler settings at least as strict as this repo's, plus exactOptionalPropertyTypes. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM'],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  },
  include: ['**/*.ts'],
};

export interface TempProject {
  dir: string;
  write(path: string, text: string): Promise<void>;
  writeAll(folder: string, files: readonly GeneratedFile[]): Promise<void>;
  /** Runs tsc --noEmit; resolves with its output ('' when there is no error). */
  typecheck(): Promise<string>;
  /** Runs tsc --noEmit; resolves with its exit code and output. */
  tsc(): Promise<{ code: number; output: string }>;
  remove(): Promise<void>;
}

/**
 * A temporary ESM TypeScript project whose node_modules holds this repo's packages and
 * `gauntlet` (a link to this repo), so generated clients import 'gauntlet/client-runtime' from
 * the build, as in a user's project. Needs `npm run build` first (`npm test` does it).
 */
export async function createTempProject(prefix: string): Promise<TempProject> {
  const runtime = join(REPO, 'dist/client-runtime/index.d.ts');
  await access(runtime).catch(() => {
    throw new Error(
      `Failed to set up a project for generated clients: because ${runtime} is missing. Run npm run build first.`,
    );
  });
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const modules = join(dir, 'node_modules');
  await mkdir(modules);
  for (const name of await readdir(join(REPO, 'node_modules'))) {
    if (name === 'gauntlet') continue;
    await symlink(join(REPO, 'node_modules', name), join(modules, name), 'dir');
  }
  await symlink(REPO, join(modules, 'gauntlet'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  await writeFile(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  const tsc = (): Promise<{ code: number; output: string }> =>
    new Promise((done) => {
      execFile(
        process.execPath,
        [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', dir],
        { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
          done({ code, output: `${stdout}${stderr}`.trim() });
        },
      );
    });
  const write = async (path: string, text: string): Promise<void> => {
    const full = join(dir, path);
    await mkdir(resolve(full, '..'), { recursive: true });
    await writeFile(full, text);
  };
  return {
    dir,
    write,
    async writeAll(folder, files) {
      for (const file of files) await write(join(folder, file.path), file.text);
    },
    tsc,
    typecheck: async () => {
      const { code, output } = await tsc();
      // tsc exits 0 without output when all is well; anything else is reported.
      return code === 0 ? output : output || `tsc exited with ${code} and printed nothing`;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
