import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initProject } from './init-project.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gauntlet-init-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('initProject', () => {
  it('never overwrites a file or a script, and says what it left alone', async () => {
    await writeFile(path.join(dir, 'gauntlet.config.ts'), '// mine\n');
    await writeFile(
      path.join(dir, 'package.json'),
      '{\n    "name": "x",\n    "scripts": { "mock": "mine" }\n}\n',
    );
    const result = await initProject({ cwd: dir, ci: 'gitlab' });
    expect(result.created).toEqual([
      'contracts/petstore.yaml',
      'mocks/README.md',
      '.gitlab-ci.yml',
    ]);
    expect(result.skipped).toEqual(['gauntlet.config.ts']);
    expect(await readFile(path.join(dir, 'gauntlet.config.ts'), 'utf8')).toBe('// mine\n');
    expect(result.packageJson).toEqual({
      created: false,
      added: ['contracts:lint', 'contracts:ci'],
      kept: ['mock'],
    });
    const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.scripts).toEqual({
      mock: 'mine',
      'contracts:lint': 'gauntlet lint contracts/',
      'contracts:ci': 'gauntlet ci',
    });
    // A second run creates nothing.
    expect((await initProject({ cwd: dir, ci: 'gitlab' })).created).toEqual([]);
  });

  it('refuses a package.json that is not JSON with a coded error, after writing the other files', async () => {
    await writeFile(path.join(dir, 'package.json'), '{ nope');
    await expect(initProject({ cwd: dir, ci: 'none' })).rejects.toMatchObject({
      code: 'GAUNTLET_E_CONFIG',
    });
    expect(await readFile(path.join(dir, 'package.json'), 'utf8')).toBe('{ nope');
  });
});
