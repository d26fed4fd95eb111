// A CommonJS project (what `npm init -y` makes: "type": "commonjs") whose gauntlet.config.ts
// imports defineConfig at runtime. tsx compiles such a config to CommonJS, so `gauntlet` is
// require()d inside the CLI's process: through the package's `require` entry (cjs/index.cjs) it
// must be the one ESM build, not a transpiled second copy. Regression: `generate client` loads
// undici before the config, and the second copy threw "TypeError: Illegal constructor".
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli.js';

describe('gauntlet.config.ts with a runtime defineConfig in a CommonJS project', () => {
  let project = '';
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'gauntlet-cjs-config-'));
    await writeFile(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'my-service', version: '1.0.0', type: 'commonjs' }),
    );
    // The package as a dependency resolves it: node_modules/gauntlet → this repository.
    await mkdir(path.join(project, 'node_modules'));
    await symlink(repoRoot, path.join(project, 'node_modules/gauntlet'), 'dir');
    await mkdir(path.join(project, 'contracts'));
    await writeFile(
      path.join(project, 'contracts/pets.yaml'),
      [
        'openapi: 3.1.0',
        'info: { title: Pets, version: 1.0.0 }',
        'paths:',
        '  /pets/{id}:',
        '    get:',
        '      operationId: getPet',
        '      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]',
        "      responses: { '200': { description: a pet } }",
      ].join('\n'),
    );
    await writeFile(
      path.join(project, 'gauntlet.config.ts'),
      [
        "import { defineConfig } from 'gauntlet';",
        '',
        "export default defineConfig({ services: { petstore: { contracts: ['contracts/pets.yaml'] } } });",
      ].join('\n'),
    );
  });
  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('`generate client <service>` reads the config and finds the service’s contract', async () => {
    const result = await runCli(['generate', 'client', 'petstore', '--out', 'clients/petstore'], {
      cwd: project,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await readdir(path.join(project, 'clients/petstore'))).sort()).toContain('index.ts');
  });

  it('require() of every entry gives the same module an import gives', async () => {
    const script = [
      "const { createRequire } = require('node:module');",
      "const load = createRequire(require('node:path').join(process.cwd(), 'x.js'));",
      "const entries = ['gauntlet', 'gauntlet/msw', 'gauntlet/client-runtime'];",
      'Promise.all(entries.map((e) => import(e))).then((imported) => {',
      '  process.stdout.write(JSON.stringify(entries.map((e, i) => load(e) === imported[i])));',
      '});',
    ].join('\n');
    const out = spawnSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual([true, true, true]);
  });
});
