// Black-box: the built `gauntlet mock` binary, run the way a user (or a script) runs it.
// Needs `npm run build` first (the test script does it before vitest).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_YAML, ORDERS_JSON, PETS_YAML, specFolder } from './specs.js';

const BIN = fileURLToPath(new URL('../../bin/gauntlet.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/cli/commands/mock.js', import.meta.url));

let folder: Awaited<ReturnType<typeof specFolder>>;
const children: ChildProcess[] = [];

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: folder.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits for the `ready` line scripts wait for; fails with what was printed if it never comes. */
async function ready(r: Run, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (!/^ready$/m.test(r.stdout()) && !/"ready":true/.test(r.stdout())) {
    if (r.child.exitCode !== null) throw new Error(`exited ${r.child.exitCode}: ${r.stderr()}`);
    if (Date.now() > deadline)
      throw new Error(`no "ready" in ${timeoutMs} ms: ${r.stdout()} ${r.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return r.stdout().split('\n');
}

beforeAll(async () => {
  if (!existsSync(BUILT))
    throw new Error(`${BUILT} is missing: run \`npm run build\` before this test.`);
  folder = await specFolder({
    'pets.yaml': PETS_YAML,
    'orders.json': ORDERS_JSON,
    'broken.yaml': BROKEN_YAML,
  });
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined)
      process.kill(child.pid, 'SIGKILL');
  }
  await folder.cleanup();
});

describe('gauntlet mock (built binary)', () => {
  it('prints each service and `ready`, serves, and stops cleanly on SIGTERM', async () => {
    const r = run(['mock', 'pets.yaml', '--port', '0']);
    const lines = await ready(r);
    const match =
      /^pet-store {2}(http:\/\/127\.0\.0\.1:\d+) {2}\(openapi-3\.0, 3 operations\)$/.exec(
        lines[0]!,
      );
    expect(match).not.toBe(null);
    expect(lines[1]).toBe('ready');
    const url = match![1]!;
    const answer = await fetch(`${url}/pets/1`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ id: 1, name: 'Rex' });
    const invalid = await fetch(`${url}/pets/0`);
    expect(invalid.status).toBe(422);
    await invalid.arrayBuffer();
    process.kill(r.child.pid!, 'SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('serves several contracts under prefixes and honours --no-validate and --log', async () => {
    const r = run(['mock', 'pets.yaml', 'orders.json', '--port', '0', '--no-validate', '--log']);
    const lines = await ready(r);
    const urls = lines.slice(0, 2).map((line) => line.split(/ {2,}/));
    expect(urls.map((u) => u[0])).toEqual(['pet-store', 'order-api']);
    const petUrl = urls[0]![1]!;
    expect(petUrl).toMatch(/\/pet-store$/);
    const lenient = await fetch(`${petUrl}/pets/0`);
    expect(lenient.status).toBe(200);
    await lenient.arrayBuffer();
    const deadline = Date.now() + 5000;
    while (!r.stdout().includes('GET /pet-store/pets/0 → 200') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(r.stdout()).toMatch(/GET \/pet-store\/pets\/0 → 200 \(\d+\.\d ms\)/);
    process.kill(r.child.pid!, 'SIGINT');
    expect(await r.exited).toBe(0);
  });

  it('prints one JSON line with --json', async () => {
    const r = run(['mock', 'orders.json', '--port', '0', '--json']);
    await ready(r);
    const doc = JSON.parse(r.stdout().split('\n')[0]!);
    expect(doc).toEqual({
      ready: true,
      url: doc.url,
      services: [
        {
          name: 'order-api',
          url: doc.url,
          format: 'openapi-3.1',
          file: 'orders.json',
          operations: 1,
        },
      ],
    });
    expect((await fetch(`${doc.url}/orders`)).status).toBe(200);
    process.kill(r.child.pid!, 'SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('refuses to start when a contract does not load, with the code and file:line', async () => {
    const r = run(['mock', 'pets.yaml', 'broken.yaml', '--port', '0']);
    expect(await r.exited).toBe(1);
    expect(r.stdout()).toBe('');
    expect(r.stderr()).toMatch(
      /^\[gauntlet\] broken\.yaml:\d+:\d+ {2}error {2}GAUNTLET_E_SPEC_PARSE {2}/,
    );
    expect(r.stderr()).toContain(
      '[gauntlet] Failed to start the mock: because 1 contract(s) did not load. Fix them, or leave them out of the paths.',
    );
  });

  it('rejects a bad --validate value as a usage error', async () => {
    const r = run(['mock', 'pets.yaml', '--validate', 'sometimes']);
    expect(await r.exited).toBe(2);
    expect(r.stderr()).toContain(
      '[gauntlet] Failed to read --validate: because "sometimes" is not one of on, warn, off. (GAUNTLET_E_USAGE)',
    );
  });
});

describe('gauntlet mock with gauntlet.config.ts', () => {
  it('takes service names from the config', async () => {
    const configured = await specFolder({
      'pets.yaml': PETS_YAML,
      'orders.json': ORDERS_JSON,
      'gauntlet.config.ts': [
        'type Names = Record<string, string>;',
        "const names: Names = { 'Order API': 'orders' };",
        "export default { services: { pets: { contracts: ['pets.yaml'] } }, mock: { names } };",
      ].join('\n'),
    });
    const previous = folder;
    folder = configured;
    try {
      const r = run(['mock', '.', '--port', '0']);
      const lines = await ready(r);
      expect(lines.slice(0, 2).map((line) => line.split(/ {2,}/)[0])).toEqual(['orders', 'pets']);
      process.kill(r.child.pid!, 'SIGTERM');
      expect(await r.exited).toBe(0);
    } finally {
      folder = previous;
      await configured.cleanup();
    }
  });

  it('reports a broken config with GAUNTLET_E_CONFIG and exit code 2', async () => {
    const configured = await specFolder({
      'pets.yaml': PETS_YAML,
      'gauntlet.config.ts': "export default { mock: { port: 'four' } };",
    });
    const previous = folder;
    folder = configured;
    try {
      const r = run(['mock', 'pets.yaml']);
      expect(await r.exited).toBe(2);
      expect(r.stderr()).toContain(
        '[gauntlet] Failed to load gauntlet.config.ts: mock.port must be an integer between 0 and 65535. (GAUNTLET_E_CONFIG)',
      );
    } finally {
      folder = previous;
      await configured.cleanup();
    }
  });
});

describe('gauntlet mock --watch (built binary)', () => {
  const greeting = (word: string) => `openapi: 3.1.0
info: { title: Watched, version: '1' }
paths:
  /hello:
    get:
      responses:
        '200':
          description: hi
          content:
            application/json:
              example: { greeting: ${word} }
`;

  it('says what it watches and serves the contract as saved, without a restart', async () => {
    await writeFile(join(folder.dir, 'watched.yaml'), greeting('hello'));
    const r = run(['mock', 'watched.yaml', '--port', '0', '--watch']);
    const lines = await ready(r);
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(lines[0]!)![1]!;
    expect(r.stderr()).toContain('[gauntlet] watching watched.yaml for changes');
    expect(await (await fetch(`${url}/hello`)).json()).toEqual({ greeting: 'hello' });
    await writeFile(join(folder.dir, 'watched.yaml'), greeting('servus'));
    const deadline = Date.now() + 15_000;
    let seen: unknown;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await (await fetch(`${url}/hello`)).json();
    } while (JSON.stringify(seen) !== '{"greeting":"servus"}' && Date.now() < deadline);
    expect(seen).toEqual({ greeting: 'servus' });
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });
});
