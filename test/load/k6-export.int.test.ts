import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../cli/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-k6-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** tsc on a k6 script against @types/k6 (k6 runs TypeScript as is); resolves with its output. */
function typeCheck(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        join(repoRoot, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--target',
        'es2020',
        '--module',
        'esnext',
        '--moduleResolution',
        'bundler',
        '--typeRoots',
        join(repoRoot, 'node_modules/@types'),
        '--types',
        'k6',
        file,
      ],
      { cwd: dir },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('gauntlet generate k6', () => {
  it('exports the shop suite with its scenarios, thresholds, checks and requests, and it type-checks against @types/k6', async () => {
    const out = join(dir, 'shop-gateway.k6.ts');
    const result = await runCli(['generate', 'k6', 'perf/shop-gateway.load.ts', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text).toContain(`"executor": "constant-arrival-rate"`);
    expect(text).toContain(`"exec": "scenario_orders"`);
    expect(text).toContain(`"http_req_duration{scenario:orders,name:place-order}": [`);
    expect(text).toContain(
      'const HEADERS: Record<string, string> = {"authorization":"Bearer token-alice"};',
    );
    // The iteration function travels as written, TypeScript and all.
    expect(text).toContain('const id = (placed.json() as { id: string }).id;');
    // The declarative scenario: the request built from the contract's example, its status check.
    expect(text).toContain('await send("GET", "/api/inventory/stock/abc"');
    expect(text).toContain('"GET /api/inventory/stock/{sku}: status 2xx/3xx"');
    const checked = await typeCheck(out);
    expect(checked.output).toBe('');
    expect(checked.code).toBe(0);
  }, 180_000);

  it('the type-check catches an iteration that uses something k6 does not have', async () => {
    const suite = join(dir, 'wrong.load.ts');
    await writeFile(
      suite,
      `import { defineLoad } from '${join(repoRoot, 'src/load/define-load.ts')}';
export default defineLoad({
  scenarios: { a: { executor: 'shared-iterations', exec: 'go' } },
  exec: { go: async (ctx) => { await (ctx.http as unknown as { fetch(u: string): Promise<void> }).fetch('/'); await ctx.http.get('/', { timeout: '1s' }); ctx.http.head('/'); } },
});
`,
    );
    const out = join(dir, 'wrong.k6.ts');
    const result = await runCli(['generate', 'k6', suite, '--out', out], { cwd: dir });
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const checked = await typeCheck(out);
    expect(checked.code).not.toBe(0);
    expect(checked.output).toContain("Property 'head' does not exist");
  }, 180_000);
});
