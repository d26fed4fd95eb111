import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let dir: string;

const openapi = `openapi: 3.0.3
info: { title: Pet Store, version: '1' }
paths:
  /pets/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: ok } }
  /pets:
    post:
      responses: { '201': { description: created } }
`;

const pact = JSON.stringify({
  consumer: { name: 'web' },
  provider: { name: 'Pet Store API' },
  interactions: [
    {
      description: 'a pet',
      request: { method: 'GET', path: '/pets/1' },
      response: { status: 200, body: { id: 1 } },
    },
  ],
  metadata: { pactSpecification: { version: '2.0.0' } },
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gauntlet-inspect-'));
  writeFileSync(join(dir, 'petstore.yaml'), openapi);
  writeFileSync(join(dir, 'web-petstore.json'), pact);
  writeFileSync(join(dir, 'notes.json'), '{"hello": "world"}');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gauntlet inspect', () => {
  it('prints one JSON document describing every contract in a folder', async () => {
    const result = await runCli(['inspect', dir, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.sources.map((s: { file: string }) => s.file)).toEqual([
      join(dir, 'petstore.yaml'),
      join(dir, 'web-petstore.json'),
    ]);
    expect(out.sources[0]).toMatchObject({
      format: 'openapi-3.0',
      service: 'pet-store',
      operations: [
        { method: 'GET', path: '/pets/{id}' },
        { method: 'POST', path: '/pets' },
      ],
      interactions: 0,
      messages: 0,
    });
    expect(out.sources[1]).toMatchObject({ format: 'pact-v2', interactions: 1, messages: 0 });
    expect(out.skipped).toEqual([
      { file: join(dir, 'notes.json'), reason: expect.stringContaining('not a contract') },
    ]);
  });

  it('exits 1 and names the file, line and code when a file is broken', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'openapi: 3.0.3\ninfo: { title: x\npaths: {}\n');
    const result = await runCli(['inspect', broken]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/broken\.yaml:\d+:\d+ {2}error {2}GAUNTLET_E_SPEC_PARSE/);
    expect(result.stdout).not.toMatch(/at .*\.js:\d+/); // no stack trace
    rmSync(broken);
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli(['inspect'])).code).toBe(2);
    const unknown = await runCli(['inspect', dir, '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('GAUNTLET_E_USAGE');
    const missing = await runCli(['inspect', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('GAUNTLET_E_FILE_NOT_FOUND');
  });
});
