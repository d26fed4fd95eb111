import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GauntletError } from '../../errors.js';
import { writeFakeGo } from './fake-go-for-tests.js';
import { installTools, type SetupOptions, setupFailure } from './install-tools.js';
import { readManifest } from './manifest.js';
import { TOOLS } from './tools.js';

let root: string;
let project: string;
let fakeBin: string;
let log: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gauntlet-setup-'));
  project = path.join(root, 'project');
  fakeBin = path.join(root, 'fakebin');
  log = path.join(root, 'go-calls.log');
  await mkdir(project);
  await writeFakeGo(fakeBin);
  await writeFile(log, '');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function options(
  extra: Partial<SetupOptions> = {},
  env: Record<string, string> = {},
): SetupOptions {
  return { projectRoot: project, env: { PATH: fakeBin, FAKE_GO_LOG: log, ...env }, ...extra };
}

/** The `go install` calls the fake go saw, in order. */
async function installCalls(): Promise<string[]> {
  const lines = (await readFile(log, 'utf8')).split('\n');
  return lines.filter((l) => l.startsWith('install '));
}

const bin = () => path.join(project, '.gauntlet', 'bin');

describe('installTools with a fake go on PATH', () => {
  it('installs every tool under its own binary name and records the pins', async () => {
    const report = await installTools(options());
    expect(report.go).toEqual({ path: path.join(fakeBin, 'go'), version: 'go1.99.1' });
    expect(report.tools.map((t) => [t.name, t.status, t.reason])).toEqual(
      TOOLS.map((t) => [t.name, 'installed', 'not installed']),
    );
    expect(await installCalls()).toEqual(TOOLS.map((t) => `install ${t.goPackage}@${t.version}`));
    // go writes `server` and `cli`; the bin folder holds the renamed files and the manifest only.
    expect((await readdir(bin())).sort()).toEqual(
      [...TOOLS.map((t) => t.binary), 'versions.json'].sort(),
    );
    expect(await readFile(path.join(bin(), 'toxiproxy-server'), 'utf8')).toContain(
      'server version',
    );
    const manifest = await readManifest(bin());
    expect(Object.keys(manifest.tools).sort()).toEqual(TOOLS.map((t) => t.name).sort());
    expect(manifest.tools.vegeta).toMatchObject({
      binary: 'vegeta',
      goPackage: 'github.com/tsenart/vegeta/v12',
      version: 'v12.13.0',
      goVersion: 'go1.99.1',
    });
    // Each install used a private GOBIN that is gone afterwards.
    const gobins = (await readFile(log, 'utf8')).match(/GOBIN=(\S+)/g) ?? [];
    expect(gobins).toHaveLength(TOOLS.length);
    expect(await readdir(path.join(project, '.gauntlet', 'tmp'))).toEqual([]);
    expect(setupFailure(report)).toBeUndefined();
  });

  it('does nothing on a second run, without even asking go its version', async () => {
    await installTools(options());
    await writeFile(log, '');
    const report = await installTools(options());
    expect(report.go).toBeNull();
    expect(report.tools.map((t) => t.status)).toEqual(TOOLS.map(() => 'already-installed'));
    expect(await readFile(log, 'utf8')).toBe('');
  });

  it('reinstalls only the tool whose pinned version changed', async () => {
    await installTools(options());
    const manifestFile = path.join(bin(), 'versions.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    manifest.tools.vegeta.version = 'v12.12.0';
    await writeFile(manifestFile, JSON.stringify(manifest));
    await writeFile(log, '');
    const report = await installTools(options());
    expect(
      report.tools.filter((t) => t.status === 'installed').map((t) => [t.name, t.reason]),
    ).toEqual([['vegeta', 'version changed from v12.12.0 to v12.13.0']]);
    expect(await installCalls()).toEqual(['install github.com/tsenart/vegeta/v12@v12.13.0']);
    expect((await readManifest(bin())).tools.vegeta?.version).toBe('v12.13.0');
  });

  it('reinstalls a deleted binary, and everything with force', async () => {
    await installTools(options());
    await rm(path.join(bin(), 'oasdiff'));
    await writeFile(log, '');
    await installTools(options());
    expect(await installCalls()).toEqual(['install github.com/oasdiff/oasdiff@v1.37.0']);
    await writeFile(log, '');
    const forced = await installTools(options({ force: true }));
    expect(forced.tools.map((t) => t.reason)).toEqual(TOOLS.map(() => '--force'));
    expect(await installCalls()).toHaveLength(TOOLS.length);
  });

  it('installs only the tools named with only, in table order', async () => {
    const report = await installTools(options({ only: ['oasdiff', 'toxiproxy-cli'] }));
    expect(report.tools.map((t) => [t.name, t.status])).toEqual([
      ['toxiproxy-cli', 'installed'],
      ['oasdiff', 'installed'],
    ]);
    expect((await readdir(bin())).sort()).toEqual(['oasdiff', 'toxiproxy-cli', 'versions.json']);
  });

  it('rejects unknown names as a usage error', async () => {
    await expect(installTools(options({ only: ['wiremock'] }))).rejects.toMatchObject({
      code: 'GAUNTLET_E_USAGE',
      message:
        'Failed to select tools: because "wiremock" is not a known tool. Use one of: toxiproxy-server, toxiproxy-cli, vegeta, oasdiff, hoverfly.',
    });
  });

  it('leaves a tool alone when its env var points at a binary', async () => {
    const own = path.join(root, 'my-vegeta');
    await writeFile(own, '#!/bin/sh\n');
    await chmod(own, 0o755);
    const report = await installTools(options({ only: ['vegeta'] }, { GAUNTLET_VEGETA: own }));
    expect(report.tools).toEqual([
      {
        name: 'vegeta',
        binary: 'vegeta',
        version: 'v12.13.0',
        status: 'overridden',
        reason: 'uses $GAUNTLET_VEGETA',
        path: own,
        optional: false,
      },
    ]);
    expect(await installCalls()).toEqual([]);
  });

  it('reports a module-proxy refusal verbatim, with the command, as GAUNTLET_E_TOOL_INSTALL', async () => {
    const report = await installTools(
      options({}, { FAKE_GO_REFUSE: 'github.com/tsenart/vegeta/v12' }),
    );
    const vegeta = report.tools.find((t) => t.name === 'vegeta')!;
    expect(vegeta.status).toBe('failed');
    expect(vegeta.error?.proxyRefused).toBe(true);
    const gobin = /GOBIN=(\S+)/.exec(vegeta.error?.command ?? '')?.[1];
    expect(vegeta.error?.command).toBe(
      `GOBIN=${gobin} ${path.join(fakeBin, 'go')} install github.com/tsenart/vegeta/v12@v12.13.0`,
    );
    expect(vegeta.error?.output).toBe(
      'go: github.com/tsenart/vegeta/v12@v12.13.0: reading https://proxy.golang.org/github.com/tsenart/vegeta/v12/@v/list: 403 Forbidden\n\tserver response: This module version is not available.',
    );
    expect(vegeta.error?.message).toBe(
      'Failed to install vegeta v12.13.0: because the Go module proxy refused github.com/tsenart/vegeta/v12@v12.13.0 (https://proxy.golang.org/github.com/tsenart/vegeta/v12/@v/list answered "403 Forbidden", server response: "This module version is not available."). Install vegeta another way and set GAUNTLET_VEGETA to its path or put it on PATH; or, if the proxy should serve it, check GOPROXY/GONOSUMDB/GOPRIVATE.',
    );
    // The other tools were still installed, and vegeta is not in the manifest.
    expect(report.tools.filter((t) => t.status === 'installed')).toHaveLength(TOOLS.length - 1);
    expect((await readManifest(bin())).tools.vegeta).toBeUndefined();
    const error = setupFailure(report);
    expect(error).toBeInstanceOf(GauntletError);
    expect(error?.code).toBe('GAUNTLET_E_TOOL_INSTALL');
    expect(error?.message).toBe(vegeta.error?.message);
    expect(error?.hint).toBe(
      `command: ${vegeta.error?.command}\n  go output:\n    go: github.com/tsenart/vegeta/v12@v12.13.0: reading https://proxy.golang.org/github.com/tsenart/vegeta/v12/@v/list: 403 Forbidden\n    \tserver response: This module version is not available.`,
    );
  });

  it('does not fail setup for an optional tool, and does not retry it until asked', async () => {
    const refuse = { FAKE_GO_REFUSE: 'github.com/SpectoLabs/hoverfly/core/cmd/hoverfly' };
    const first = await installTools(options({}, refuse));
    expect(first.tools.find((t) => t.name === 'hoverfly')?.status).toBe('failed');
    expect(setupFailure(first)).toBeUndefined();
    expect(Object.keys((await readManifest(bin())).unavailable)).toEqual(['hoverfly']);

    await writeFile(log, '');
    const second = await installTools(options({}, refuse));
    expect(second.tools.map((t) => t.status)).toEqual([
      ...TOOLS.slice(0, -1).map(() => 'already-installed'),
      'unavailable',
    ]);
    expect(await readFile(log, 'utf8')).toBe('');

    // Naming it retries it, and then its failure is fatal.
    const named = await installTools(options({ only: ['hoverfly'] }, refuse));
    expect(named.tools[0]?.status).toBe('failed');
    expect(setupFailure(named, ['hoverfly'])?.code).toBe('GAUNTLET_E_TOOL_INSTALL');

    // Once it installs, the unavailable record is dropped.
    const fixed = await installTools(options({ only: ['hoverfly'] }));
    expect(fixed.tools[0]?.status).toBe('installed');
    expect((await readManifest(bin())).unavailable).toEqual({});
  });

  it('sets GOTOOLCHAIN only for a tool whose table row asks for it, and reinstalls when it changes', async () => {
    const table = TOOLS.map((t) => (t.name === 'oasdiff' ? { ...t, goToolchain: 'go1.27.3' } : t));
    await installTools(options({ only: ['vegeta', 'oasdiff'], table }));
    const toolchains = (await readFile(log, 'utf8')).match(/GOTOOLCHAIN=\S*/g);
    expect(toolchains).toEqual(['GOTOOLCHAIN=', 'GOTOOLCHAIN=go1.27.3']);
    expect((await readManifest(bin())).tools.oasdiff?.goToolchain).toBe('go1.27.3');
    // Back to the machine's Go: the toolchain differs from the manifest, so oasdiff is rebuilt.
    const again = await installTools(options({ only: ['vegeta', 'oasdiff'] }));
    expect(again.tools.map((t) => [t.name, t.status, t.reason])).toEqual([
      ['vegeta', 'already-installed', 'v12.13.0 already installed'],
      ['oasdiff', 'installed', 'toolchain changed from go1.27.3 to default'],
    ]);
  });
});

describe('installTools without go', () => {
  it('fails with GAUNTLET_E_GO_MISSING naming every alternative', async () => {
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const failure = installTools({ projectRoot: project, env: { PATH: empty } });
    await expect(failure).rejects.toBeInstanceOf(GauntletError);
    await expect(failure).rejects.toMatchObject({ code: 'GAUNTLET_E_GO_MISSING' });
    const message = await failure.catch((e: unknown) => (e instanceof Error ? e.message : ''));
    expect(message).toContain('because no `go` command is on PATH');
    for (const t of TOOLS) expect(message).toContain(`  ${t.envVar}=/path/to/${t.binary}`);
    // Nothing was written.
    expect(await readdir(project)).toEqual([]);
  });

  it('only reports an optional tool that needs go when go is missing', async () => {
    await installTools(
      options({ only: ['toxiproxy-server', 'toxiproxy-cli', 'vegeta', 'oasdiff'] }),
    );
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const report = await installTools({ projectRoot: project, env: { PATH: empty } });
    const hoverfly = report.tools.at(-1)!;
    expect([hoverfly.name, hoverfly.status, hoverfly.error?.code]).toEqual([
      'hoverfly',
      'failed',
      'GAUNTLET_E_GO_MISSING',
    ]);
    expect(setupFailure(report)).toBeUndefined();
    // Named explicitly, it is required: no go is then an error.
    await expect(
      installTools({ projectRoot: project, env: { PATH: empty }, only: ['hoverfly'] }),
    ).rejects.toMatchObject({ code: 'GAUNTLET_E_GO_MISSING' });
  });

  it('does not need go when everything is already installed', async () => {
    await installTools(options());
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const report = await installTools({ projectRoot: project, env: { PATH: empty } });
    expect(report.tools.map((t) => t.status)).toEqual(TOOLS.map(() => 'already-installed'));
  });
});
