import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';

let dir: string;
let lenientDir: string;

const CLEAN = `openapi: 3.0.0
info: { title: Clean, version: '1' }
paths:
  /ping:
    get:
      responses: { '200': { description: pong } }
`;
const BROKEN = `openapi: 3.0.0
info: { title: Broken, version: '1' }
paths:
  /pets/{id}:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Nope' }
`;

async function run(args: string[], cwd = dir): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    cwd,
    env: {},
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-lint-'));
  await writeFile(join(dir, 'clean.yaml'), CLEAN);
  await writeFile(join(dir, 'broken.yaml'), BROKEN);
  await writeFile(join(dir, 'notes.json'), '{"hello": "world"}');
  // Outside `dir`, so that `lint .` above does not walk into it.
  lenientDir = await mkdtemp(join(tmpdir(), 'gauntlet-lint-lenient-'));
  await writeFile(join(lenientDir, 'no-info.yaml'), CLEAN.replace(/^info: .*\n/m, ''));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(lenientDir, { recursive: true, force: true });
});

describe('gauntlet lint', () => {
  it('prints file:line:col severity code message per finding and exits 1 on errors', async () => {
    const { code, out } = await run(['lint', '.']);
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      'broken.yaml:11:31 error GAUNTLET_E_REF_UNRESOLVED Failed to resolve $ref "#/components/schemas/Nope" at broken.yaml:11: because nothing exists at "#/components/schemas/Nope" in this document. Point the $ref at an existing definition.',
      'broken.yaml:6:7 error lint.path-param.missing Path parameter "id" of GET /pets/{id} is in the path template but not declared. Add a parameter with `in: path` and `name: id`.',
      'clean.yaml: ok',
      expect.stringMatching(/^notes\.json: skipped \(not a contract: /),
      '',
      '2 linted, 1 skipped: 2 errors, 0 warnings',
      '',
    ]);
  });

  it('exits 0 when there are only clean files, and prints one JSON document with --json', async () => {
    const { code, out } = await run(['lint', 'clean.yaml', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      sources: [{ file: 'clean.yaml', format: 'openapi-3.0', diagnostics: [] }],
      skipped: [],
    });
  });

  it('reports a document without info as a warning (exit 0); --strict makes it an error (exit 1)', async () => {
    const cwd = lenientDir;
    const lenient = await run(['lint', 'no-info.yaml'], cwd);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toMatch(
      /^no-info\.yaml:1:1 warning GAUNTLET_W_SPEC_LENIENT the document root: the required `info` object is missing/,
    );
    const strict = await run(['lint', 'no-info.yaml', '--strict'], cwd);
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/^no-info\.yaml:1:1 error GAUNTLET_W_SPEC_LENIENT /);
    expect(strict.out).toContain('1 linted, 0 skipped: 1 errors, 0 warnings');
  });

  it('exits 2 without paths', async () => {
    const { code, err } = await run(['lint']);
    expect(code).toBe(2);
    expect(err).toContain('GAUNTLET_E_USAGE');
  });
});
