// The newcomer test: Gauntlet packed as npm would publish it, installed into an empty project,
// and the Getting-started page's steps run as the page writes them — every `sh` block line by
// line, the test files the page shows written where it says. Two substitutions only: `gauntlet`
// in `npm install` is the packed tarball (no registry holds it), and the mock's port 4010 is a
// free port (tests never bind fixed ports).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/process/free-port.js';

const ROOT = path.resolve('.');
const PAGE = path.join(ROOT, 'docs/guide/getting-started.md');
const run = promisify(execFile);
/** Terminal colour codes, which vitest prints even into a pipe when its parent forces colour. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

interface Step {
  kind: 'sh' | 'file';
  text: string;
  snippet?: string;
}

/** The page's steps in order: each line of a `sh` block, and each "`path`: <<< snippet" pair. */
function pageSteps(markdown: string): Step[] {
  const steps: Step[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '```sh') {
      for (i++; lines[i]!.trim() !== '```'; i++) {
        const command = lines[i]!.trim();
        if (command !== '' && !command.startsWith('#')) steps.push({ kind: 'sh', text: command });
      }
      continue;
    }
    const file = /^`([^`]+)`[^`]*:$/.exec(line);
    const include = /^<<< @\/snippets\/(\S+)$/.exec(lines[i + 2] ?? '');
    if (file && include) steps.push({ kind: 'file', text: file[1]!, snippet: include[1]! });
  }
  return steps;
}

describe('the newcomer test', () => {
  const started: ChildProcess[] = [];
  let project = '';
  afterAll(async () => {
    for (const child of started) if (child.pid && child.exitCode === null) process.kill(child.pid);
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('runs the Getting-started steps verbatim in a fresh project', async () => {
    const t0 = performance.now();
    const steps = pageSteps(await readFile(PAGE, 'utf8'));
    expect(steps.map((s) => s.text)).toContain('npx gauntlet init --yes');

    project = await mkdtemp(path.join(tmpdir(), 'gauntlet-newcomer-'));
    const { stdout: packed } = await run('npm', [
      'pack',
      '--silent',
      '--pack-destination',
      project,
      ROOT,
    ]);
    const tarball = path.join(project, packed.trim().split('\n').at(-1)!);
    const app = path.join(project, 'my-service');
    await mkdir(app);
    const port = String(await freePort());
    const timings: string[] = [];

    for (const step of steps) {
      const s0 = performance.now();
      if (step.kind === 'file') {
        const target = path.join(app, step.text);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(
          target,
          await readFile(path.join(ROOT, 'docs/snippets', step.snippet!), 'utf8'),
        );
        continue;
      }
      const command = step.text
        .replace(/^npm install --save-dev gauntlet /, `npm install --save-dev ${tarball} `)
        .replace(/\b4010\b/g, port);
      const [program, ...args] = command.split(/\s+/);
      if (command.startsWith('npx gauntlet mock')) {
        const mock = spawn(program!, args, { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
        started.push(mock);
        await new Promise<void>((resolve, reject) => {
          let out = '';
          mock.stderr!.on('data', (chunk: Buffer) => {
            out += chunk.toString();
          });
          mock.stdout!.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes('ready')) resolve();
          });
          mock.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${out}`)));
        });
      } else {
        const result = await run(program!, args, {
          cwd: app,
          maxBuffer: 32 * 1024 * 1024,
          timeout: 600_000,
        }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
          throw new Error(
            `${command} failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`,
          );
        });
        if (program === 'curl')
          expect(JSON.parse(result.stdout)).toEqual({ id: 1, name: 'Rex', tag: 'dog' });
        if (command === 'npx vitest run')
          expect(result.stdout.replace(ANSI, '')).toMatch(/Tests\s+3 passed/);
      }
      timings.push(`${command}: ${((performance.now() - s0) / 1000).toFixed(1)} s`);
    }
    // npm init makes a CommonJS project, and init's config imports defineConfig at runtime: the
    // mock and generate steps above loaded it through tsx's require path, which needs the
    // package's `require` entry (test/cli/config-commonjs.int.test.ts).
    const manifest = JSON.parse(await readFile(path.join(app, 'package.json'), 'utf8')) as {
      type?: string;
    };
    expect(manifest.type ?? 'commonjs').toBe('commonjs');
    expect(await readFile(path.join(app, 'gauntlet.config.ts'), 'utf8')).toMatch(
      /^import \{ defineConfig \} from 'gauntlet';$/m,
    );
    console.log(
      `newcomer steps (${((performance.now() - t0) / 1000).toFixed(0)} s in all):\n  ${timings.join('\n  ')}`,
    );
  }, 900_000);
});
