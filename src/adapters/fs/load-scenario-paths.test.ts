import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioPaths } from './load-scenario-paths.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-scenario-paths-'));
  await mkdir(join(dir, 'mocks/bodies'), { recursive: true });
  await writeFile(
    join(dir, 'mocks/stock.yaml'),
    [
      'scenario:',
      '  name: stock',
      '  stubs:',
      '    - request: { method: GET, path: /stock/abc }',
      '      response: { status: 200, bodyFile: bodies/abc.json }',
    ].join('\n'),
  );
  await writeFile(join(dir, 'mocks/bodies/abc.json'), '{"sku":"abc"}');
  // A contract that mentions scenarios is still a contract, not a scenario file.
  await writeFile(
    join(dir, 'mocks/api.yaml'),
    'openapi: 3.1.0\ninfo: { title: a scenario of sorts, version: "1" }\npaths: {}\n',
  );
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('loadScenarioPaths', () => {
  it('finds the scenario files of a folder and reads their body files', async () => {
    const loaded = await loadScenarioPaths(['mocks/'], dir);
    expect(loaded.files).toEqual(['mocks/stock.yaml']);
    expect(loaded.definitions.map((d) => d.name)).toEqual(['stock']);
    expect(loaded.diagnostics).toEqual([]);
    expect([...loaded.bodies.keys()]).toEqual(['mocks/bodies/abc.json']);
  });

  it('says which path does not exist', async () => {
    await expect(loadScenarioPaths(['mocks/nope.yaml'], dir)).rejects.toThrow(
      'Failed to load mocks/nope.yaml: no such file or folder.',
    );
  });
});
