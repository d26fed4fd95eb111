import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFakeBinary, writeFakeGo } from '../../adapters/tools/fake-go-for-tests.js';
import { main } from '../main.js';
import { parseOnly } from './setup.js';

let root: string;
let project: string;
let fakeBin: string;
let log: string;
/** Hoverfly comes from a Maven jar with pinned checksums: these tests point at a stand-in instead. */
let hoverfly: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gauntlet-setup-cli-'));
  project = path.join(root, 'project');
  fakeBin = path.join(root, 'fakebin');
  log = path.join(root, 'go.log');
  await mkdir(project);
  await writeFakeGo(fakeBin);
  await writeFile(log, '');
  hoverfly = await writeFakeBinary(path.join(root, 'own'), 'hoverfly', 'v1.10.13');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function setup(
  args: string[],
  env: Record<string, string> = { PATH: fakeBin, FAKE_GO_LOG: log, GAUNTLET_HOVERFLY: hoverfly },
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['setup', ...args], {
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

/** Progress lines with the timings blanked, so the test does not depend on the clock. */
const untimed = (text: string) => text.replace(/\d+\.\d+s/g, 'T');

describe('parseOnly', () => {
  it('accepts repeated flags and comma lists, dropping blanks and duplicates', () => {
    expect(parseOnly(['vegeta', 'oasdiff, hoverfly', 'vegeta', ''])).toEqual([
      'vegeta',
      'oasdiff',
      'hoverfly',
    ]);
    expect(parseOnly('vegeta')).toEqual(['vegeta']);
    expect(parseOnly(undefined)).toBeUndefined();
  });
});

describe('gauntlet setup', () => {
  it('prints a progress line per tool, then says there is nothing to do on the second run', async () => {
    const first = await setup([]);
    expect(first.code).toBe(0);
    expect(untimed(first.stdout)).toBe(
      [
        '[1/5] toxiproxy-server v2.12.0 … installed in T',
        '[2/5] toxiproxy-cli v2.12.0 … installed in T',
        '[3/5] vegeta v12.13.0 … installed in T',
        '[4/5] oasdiff v1.37.0 … installed in T',
        `[5/5] hoverfly v1.10.13 … not installed: uses $GAUNTLET_HOVERFLY (${hoverfly})`,
        `Installed 4, already installed 0, failed 0 in ${path.join('.gauntlet', 'bin')} (T with go1.99.1).`,
        '',
      ].join('\n'),
    );
    const second = await setup([]);
    expect(second.code).toBe(0);
    expect(untimed(second.stdout)).toBe(
      [
        '[1/5] toxiproxy-server v2.12.0 … already installed',
        '[2/5] toxiproxy-cli v2.12.0 … already installed',
        '[3/5] vegeta v12.13.0 … already installed',
        '[4/5] oasdiff v1.37.0 … already installed',
        `[5/5] hoverfly v1.10.13 … not installed: uses $GAUNTLET_HOVERFLY (${hoverfly})`,
        'Nothing to do: 5 of 5 tools already at the pinned version or overridden in .gauntlet/bin (--force reinstalls).',
        '',
      ].join('\n'),
    );
  });

  it('--json prints one document on stdout and the progress on stderr', async () => {
    const { code, stdout, stderr } = await setup(['--json', '--only', 'vegeta,oasdiff']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.command).toBe('setup');
    expect(doc.ok).toBe(true);
    expect(doc.binDir).toBe(path.join(project, '.gauntlet', 'bin'));
    expect(doc.go).toEqual({ path: path.join(fakeBin, 'go'), version: 'go1.99.1' });
    expect(doc.summary).toEqual({
      installed: 2,
      alreadyInstalled: 0,
      overridden: 0,
      failed: 0,
    });
    expect(doc.tools.map((t: Record<string, unknown>) => [t.name, t.status, t.path])).toEqual([
      ['vegeta', 'installed', path.join(project, '.gauntlet', 'bin', 'vegeta')],
      ['oasdiff', 'installed', path.join(project, '.gauntlet', 'bin', 'oasdiff')],
    ]);
    expect(untimed(stderr)).toBe(
      '[1/2] vegeta v12.13.0 … installed in T\n[2/2] oasdiff v1.37.0 … installed in T\n',
    );
  });

  it('fails with GAUNTLET_E_TOOL_INSTALL and go’s output when a required tool fails', async () => {
    const { code, stdout, stderr } = await setup(['--only', 'vegeta'], {
      PATH: fakeBin,
      FAKE_GO_LOG: log,
      FAKE_GO_REFUSE: 'github.com/tsenart/vegeta/v12',
    });
    expect(code).toBe(1);
    expect(untimed(stdout)).toContain('[1/1] vegeta v12.13.0 … FAILED after T\n');
    expect(stderr).toContain(
      '[gauntlet] Failed to install vegeta v12.13.0: because the Go module proxy refused',
    );
    expect(stderr).toContain('\tserver response: This module version is not available.\n');
    expect(stderr).toContain(
      'check GOPROXY/GONOSUMDB/GOPRIVATE. (GAUNTLET_E_TOOL_INSTALL)\n  command: GOBIN=',
    );
    expect(stderr).toContain('install github.com/tsenart/vegeta/v12@v12.13.0');
  });

  it('exits 1 with GAUNTLET_E_MAVEN_MISSING when Hoverfly needs installing and mvn is not on PATH', async () => {
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const { code, stdout, stderr } = await setup(['--only', 'hoverfly'], { PATH: empty });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(
      '[gauntlet] Failed to install hoverfly: because `mvn` and a Java runtime (`java`) are not on PATH, and hoverfly comes from io.specto:hoverfly-java:0.20.2 on Maven Central. Install Maven and a JDK (Debian: `apt-get install -y maven default-jdk-headless`) and run `npx gauntlet setup` again; or set GAUNTLET_HOVERFLY=/path/to/hoverfly to a binary you installed another way. (GAUNTLET_E_MAVEN_MISSING)',
    );
  });

  it('exits 1 with GAUNTLET_E_GO_MISSING when go is not on PATH', async () => {
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const { code, stdout, stderr } = await setup([], { PATH: empty, GAUNTLET_HOVERFLY: hoverfly });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(
      '[gauntlet] Failed to install toxiproxy-server, toxiproxy-cli, vegeta, oasdiff: because no `go` command is on PATH, and these tools are built with `go install`. Install Go (https://go.dev/dl/) and run `npx gauntlet setup` again; or put toxiproxy-server, toxiproxy-cli, vegeta, oasdiff on PATH; or point these variables at binaries you installed another way:',
    );
    expect(stderr).toContain('  GAUNTLET_TOXIPROXY_SERVER=/path/to/toxiproxy-server\n');
    expect(stderr).toContain('(GAUNTLET_E_GO_MISSING)');
  });

  it('rejects an unknown tool name with exit 2', async () => {
    const { code, stderr } = await setup(['--only', 'wiremock']);
    expect(code).toBe(2);
    expect(stderr).toContain('"wiremock" is not a known tool');
    expect(await readFile(log, 'utf8')).toBe('');
  });
});
