import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ReloadResult,
  type RunningMock,
  startMock,
} from '../../src/adapters/http/start-mock.js';
import { createAdminClient } from '../../src/admin-client/index.js';

const spec = (greeting: string, extraPath = '') => `openapi: 3.1.0
info: { title: Greeter, version: '1' }
paths:
  /hello:
    get:
      operationId: hello
      responses:
        '200':
          description: hi
          content:
            application/json:
              example: { greeting: ${greeting} }
${extraPath}`;

const BYE = `  /bye:
    get:
      operationId: bye
      responses:
        '204': { description: gone }
`;

let dir: string;
let file: string;
let mock: RunningMock;
const warnings: string[] = [];
const reloads: ReloadResult[] = [];
let waiters: Array<(r: ReloadResult) => void> = [];

function nextReload(): Promise<ReloadResult> {
  return new Promise((resolve) => waiters.push(resolve));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-watch-'));
  file = join(dir, 'greeter.yaml');
  await writeFile(file, spec('hello'));
  mock = await startMock({
    contracts: [file],
    port: 0,
    watch: { debounceMs: 50 },
    warn: (line) => warnings.push(line),
    onReload: (result) => {
      reloads.push(result);
      const pending = waiters;
      waiters = [];
      for (const w of pending) w(result);
    },
  });
});

afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

async function greeting(): Promise<unknown> {
  return (await fetch(`${mock.url}/hello`)).json();
}

describe('startMock({ watch })', () => {
  it('swaps in the edited contract', async () => {
    expect(await greeting()).toEqual({ greeting: 'hello' });
    const reloaded = nextReload();
    await writeFile(file, spec('bonjour', BYE));
    expect(await reloaded).toEqual({ ok: true, services: ['greeter'] });
    expect(await greeting()).toEqual({ greeting: 'bonjour' });
    expect((await fetch(`${mock.url}/bye`)).status).toBe(204);
    const admin = createAdminClient(mock.url);
    expect((await admin.health()).reloads).toBe(1);
    // `engine` is the current bare engine: asking it directly is not journaled.
    const before = await admin.count();
    expect(mock.engine.handle({ method: 'GET', path: '/bye', query: '', headers: {} }).status).toBe(
      204,
    );
    expect(await admin.count()).toBe(before);
  });

  it('keeps serving the old model when an edit breaks the contract, and says why', async () => {
    const reloaded = nextReload();
    await writeFile(file, 'openapi: 3.1.0\ninfo: { title: [unclosed\n');
    const result = await reloaded;
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.error.code).toBe('GAUNTLET_E_MOCK_RELOAD');
    expect(warnings.at(-1)).toMatch(
      /^\[gauntlet\] Failed to reload the contracts: because .*\(GAUNTLET_E_MOCK_RELOAD\)$/,
    );
    expect(await greeting()).toEqual({ greeting: 'bonjour' });
  });

  it('follows editors that save by renaming a new file over the old one', async () => {
    const reloaded = nextReload();
    const temp = join(dir, '.greeter.yaml.swp');
    await writeFile(temp, spec('hallo'));
    await rename(temp, file);
    expect((await reloaded).ok).toBe(true);
    expect(await greeting()).toEqual({ greeting: 'hallo' });
    expect((await fetch(`${mock.url}/bye`)).status).toBe(404);
  });
});
