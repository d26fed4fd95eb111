import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ReloadResult,
  type RunningMock,
  startMock,
} from '../../src/adapters/http/start-mock.js';
import { createAdminClient } from '../../src/admin-client/index.js';
import { ORDERS_JSON } from '../mock-server/specs.js';

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

/** A mock of `contracts` with --watch semantics, and a way to wait for its next reload. */
async function watching(contracts: string[]) {
  const results: ReloadResult[] = [];
  let waiting: Array<(r: ReloadResult) => void> = [];
  const running = await startMock({
    contracts,
    port: 0,
    watch: { debounceMs: 50 },
    warn: () => {},
    onReload: (result) => {
      results.push(result);
      const pending = waiting;
      waiting = [];
      for (const w of pending) w(result);
    },
  });
  return {
    mock: running,
    results,
    next: () => new Promise<ReloadResult>((resolve) => waiting.push(resolve)),
  };
}

describe('startMock({ watch }) follows what the contracts reach', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gauntlet-watch-refs-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reloads when a file reached through $ref changes', async () => {
    const dir = join(folder, 'openapi');
    await mkdir(join(dir, 'responses'), { recursive: true });
    await writeFile(
      join(dir, 'api.yaml'),
      `openapi: 3.1.0
info: { title: Refs, version: '1' }
paths:
  /hello:
    get:
      responses:
        '200': { $ref: './responses/hello.yaml' }
`,
    );
    const response = (greeting: string) => `description: hi
content:
  application/json:
    example: { greeting: ${greeting} }
`;
    await writeFile(join(dir, 'responses', 'hello.yaml'), response('hello'));
    const w = await watching([join(dir, 'api.yaml')]);
    try {
      expect(await (await fetch(`${w.mock.url}/hello`)).json()).toEqual({ greeting: 'hello' });
      const reloaded = w.next();
      await writeFile(join(dir, 'responses', 'hello.yaml'), response('salut'));
      expect(await reloaded).toEqual({ ok: true, services: ['refs'] });
      expect(await (await fetch(`${w.mock.url}/hello`)).json()).toEqual({ greeting: 'salut' });
    } finally {
      await w.mock.close();
    }
  });

  it('reloads when a file reached through !include changes', async () => {
    const dir = join(folder, 'raml');
    await mkdir(join(dir, 'examples'), { recursive: true });
    await writeFile(
      join(dir, 'api.raml'),
      `#%RAML 1.0
title: Included
/hello:
  get:
    responses:
      200:
        body:
          application/json:
            example: !include examples/hello.json
`,
    );
    await writeFile(join(dir, 'examples', 'hello.json'), '{ "greeting": "hello" }\n');
    const w = await watching([join(dir, 'api.raml')]);
    try {
      expect(await (await fetch(`${w.mock.url}/hello`)).json()).toEqual({ greeting: 'hello' });
      const reloaded = w.next();
      await writeFile(join(dir, 'examples', 'hello.json'), '{ "greeting": "hej" }\n');
      expect((await reloaded).ok).toBe(true);
      expect(await (await fetch(`${w.mock.url}/hello`)).json()).toEqual({ greeting: 'hej' });
    } finally {
      await w.mock.close();
    }
  }, 60_000);

  it('serves a contract added to a watched folder', async () => {
    const dir = join(folder, 'folder');
    await mkdir(dir, { recursive: true });
    // Two contracts: they share the port under /<name>, so a third can join them (a single
    // contract is served at the root of its port, and a reload refuses to add a second).
    await writeFile(join(dir, 'greeter.yaml'), spec('hello'));
    await writeFile(join(dir, 'orders.json'), ORDERS_JSON);
    const w = await watching([dir]);
    try {
      expect(w.mock.services.map((s) => s.name)).toEqual(['greeter', 'order-api']);
      const reloaded = w.next();
      await writeFile(
        join(dir, 'farewell.yaml'),
        `openapi: 3.1.0
info: { title: Farewell, version: '1' }
paths:
  /bye:
    get:
      responses:
        '200':
          description: bye
          content:
            application/json:
              example: { farewell: bye }
`,
      );
      expect(await reloaded).toEqual({ ok: true, services: ['farewell', 'greeter', 'order-api'] });
      expect(await (await fetch(`${w.mock.url}/farewell/bye`)).json()).toEqual({
        farewell: 'bye',
      });
    } finally {
      await w.mock.close();
    }
  });
});
