import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFakeBinary } from '../../adapters/tools/fake-go-for-tests.js';
import { main } from '../main.js';

let root: string;
let project: string;
let projectBin: string;
let pathDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gauntlet-doctor-'));
  project = path.join(root, 'project');
  projectBin = path.join(project, '.gauntlet', 'bin');
  pathDir = path.join(root, 'bin');
  await mkdir(projectBin, { recursive: true });
  await writeFakeBinary(pathDir, 'npm', '10.9.9');
  await writeFakeBinary(pathDir, 'go', 'go version go1.26.8 linux/amd64');
  await writeFakeBinary(projectBin, 'toxiproxy-server', 'toxiproxy-server version 2.12.0');
  await writeFakeBinary(projectBin, 'toxiproxy-cli', 'toxiproxy-cli version git');
  await writeFakeBinary(projectBin, 'vegeta', 'Version: v12.11.0\nCommit: x');
  await writeFakeBinary(pathDir, 'oasdiff', 'oasdiff version 1.37.0');
  await writeFakeBinary(
    pathDir,
    'mvn',
    'Apache Maven 3.8.7 (b89d5959fcde851dcb1c8946a785a163f14e1e29)',
  );
  await writeFakeBinary(projectBin, 'hoverfly', 'v1.10.13');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function doctor(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const env = { PATH: pathDir, DOCKER_HOST: `unix://${path.join(root, 'docker.sock')}` };
  const code = await main(['doctor', ...args], {
    cwd: project,
    env,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe('gauntlet doctor --json', () => {
  it('reports every tool, Node, npm, Go, Maven and Docker, and exits 0 when every tool is found', async () => {
    const { code, stdout } = await doctor(['--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual([
      'command',
      'ok',
      'missing',
      'node',
      'npm',
      'go',
      'maven',
      'docker',
      'containerEngine',
      'tools',
    ]);
    expect(report.ok).toBe(true);
    expect(report.missing).toEqual([]);
    expect(report.node).toEqual({ version: process.version });
    expect(report.npm).toEqual({ path: path.join(pathDir, 'npm'), version: '10.9.9' });
    expect(report.go).toEqual({ path: path.join(pathDir, 'go'), version: 'go1.26.8' });
    expect(report.maven).toEqual({
      path: path.join(pathDir, 'mvn'),
      version: 'Apache Maven 3.8.7',
    });
    expect(report.docker).toMatchObject({ cliPath: null, reachable: false });
    // DOCKER_HOST names a socket nobody listens on: that is the one place asked, and it says why.
    expect(report.containerEngine.found).toBeNull();
    expect(report.containerEngine.tried).toEqual([
      {
        dockerHost: `unix://${path.join(root, 'docker.sock')}`,
        reason: expect.stringContaining('ENOENT'),
      },
    ]);
    expect(
      report.tools.map((t: Record<string, unknown>) => [
        t.name,
        t.found,
        t.source,
        t.version,
        t.matchesPin,
      ]),
    ).toEqual([
      ['toxiproxy-server', true, 'project', 'v2.12.0', true],
      ['toxiproxy-cli', true, 'project', undefined, undefined],
      ['vegeta', true, 'project', 'v12.11.0', false],
      ['oasdiff', true, 'path', 'v1.37.0', true],
      ['hoverfly', true, 'project', 'v1.10.13', true],
    ]);
    expect(report.tools[1].versionOutput).toBe('toxiproxy-cli version git');
  });

  it('counts a missing Hoverfly as missing, with the setup command that installs it', async () => {
    await rm(path.join(projectBin, 'hoverfly'));
    const { code, stdout } = await doctor(['--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.missing).toEqual(['hoverfly']);
    expect(report.tools[4]).toEqual({
      name: 'hoverfly',
      binary: 'hoverfly',
      pinnedVersion: 'v1.10.13',
      envVar: 'GAUNTLET_HOVERFLY',
      usedFor:
        'the Hoverfly engine of `gauntlet mock --engine hoverfly` and the checks of simulations against the real Hoverfly',
      found: false,
      problem: 'hoverfly is not in .gauntlet/bin, not on PATH, and $GAUNTLET_HOVERFLY is not set',
      fix: 'npx gauntlet setup --only hoverfly',
    });
  });

  it('exits 1 and names the fix when a required tool is missing', async () => {
    await rm(path.join(pathDir, 'oasdiff'));
    const json = await doctor(['--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual(['oasdiff']);
    expect(report.tools[3].fix).toBe('npx gauntlet setup --only oasdiff');

    const text = await doctor([]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      '  ✗ oasdiff           missing: oasdiff is not in .gauntlet/bin, not on PATH, and $GAUNTLET_OASDIFF is not set\n',
    );
    expect(text.stdout).toContain('fix: npx gauntlet setup --only oasdiff\n');
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Missing: oasdiff. Run `npx gauntlet setup --only oasdiff`.',
    );
  });
});
