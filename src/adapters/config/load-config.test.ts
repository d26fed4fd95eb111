import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isGauntletError } from '../../errors.js';
import { loadConfig, validateConfig } from './load-config.js';

const dirs: string[] = [];
async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function loadError(cwd: string): Promise<{ code: string; message: string }> {
  try {
    await loadConfig(cwd);
  } catch (error) {
    if (isGauntletError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('loadConfig did not throw');
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('gives {} when the folder has no config file', async () => {
    const cwd = await project({});
    expect(await loadConfig(cwd)).toEqual({});
  });

  it('imports a TypeScript config with types through tsx', async () => {
    const cwd = await project({
      'gauntlet.config.ts': [
        'interface Cfg { mock: { port: number; names: Record<string, string> } }',
        "const config: Cfg = { mock: { port: 4100, names: { 'Pet Store': 'pets' } } };",
        'export default config;',
      ].join('\n'),
    });
    expect(await loadConfig(cwd)).toEqual({
      mock: { port: 4100, names: { 'Pet Store': 'pets' } },
      file: join(cwd, 'gauntlet.config.ts'),
    });
  });

  it('imports a TypeScript config inside a "type": "module" package', async () => {
    const cwd = await project({
      'package.json': '{"type":"module"}',
      'gauntlet.config.ts':
        "const port: number = 4200;\nexport default { mock: { port }, services: { a: { mockName: 'a' } } };",
    });
    expect(await loadConfig(cwd)).toEqual({
      mock: { port: 4200 },
      services: { a: { mockName: 'a' } },
      file: join(cwd, 'gauntlet.config.ts'),
    });
  });

  it('imports an ESM JavaScript config', async () => {
    const cwd = await project({
      'gauntlet.config.mjs':
        "export default { services: { orders: { contracts: ['orders.yaml'], mockName: 'orders' } } };",
    });
    expect(await loadConfig(cwd)).toEqual({
      services: { orders: { contracts: ['orders.yaml'], mockName: 'orders' } },
      file: join(cwd, 'gauntlet.config.mjs'),
    });
  });

  it('reports a config that throws on import with the file and the reason', async () => {
    const cwd = await project({
      'gauntlet.config.ts': "throw new Error('boom at import');\nexport default {};",
    });
    expect(await loadError(cwd)).toEqual({
      code: 'GAUNTLET_E_CONFIG',
      message: 'Failed to load gauntlet.config.ts: because importing it threw: boom at import.',
    });
  });

  it('reports a config with a syntax error', async () => {
    const cwd = await project({ 'gauntlet.config.ts': 'export default { mock: { port: 1 ' });
    const error = await loadError(cwd);
    expect(error.code).toBe('GAUNTLET_E_CONFIG');
    expect(
      error.message.startsWith('Failed to load gauntlet.config.ts: because importing it threw:'),
    ).toBe(true);
  });

  it('reports a config without a default export', async () => {
    const cwd = await project({ 'gauntlet.config.mjs': 'export const mock = {};' });
    expect(await loadError(cwd)).toEqual({
      code: 'GAUNTLET_E_CONFIG',
      message:
        'Failed to load gauntlet.config.mjs: it has no default export (export default defineConfig({...})).',
    });
  });
});

describe('validateConfig', () => {
  it.each([
    [[], 'its default export is not an object (export default defineConfig({...}))'],
    [{ services: [] }, '`services` must be an object keyed by service name'],
    [
      { services: { a: { contracts: 'x.yaml' } } },
      'services.a.contracts must be an array of paths',
    ],
    [{ services: { a: { mockName: 3 } } }, 'services.a.mockName must be a string'],
    [{ mock: { port: 70000 } }, 'mock.port must be an integer between 0 and 65535'],
    [{ mock: { names: { a: 1 } } }, 'mock.names.a must be a string'],
  ])('rejects %j', (value, reason) => {
    expect(() => validateConfig('gauntlet.config.ts', value)).toThrow(
      `Failed to load gauntlet.config.ts: ${reason}.`,
    );
  });

  it('keeps keys it does not know yet for later features', () => {
    const config = { mock: { port: 0 }, chaos: { experiments: [] } };
    expect(validateConfig('gauntlet.config.ts', config)).toEqual(config);
  });
});
