import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFakeBinary } from './fake-go-for-tests.js';
import { findTool, requireTool, resolveTool } from './find-tool.js';

let root: string;
let project: string;
let projectBin: string;
let pathDir: string;
let elsewhere: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gauntlet-find-'));
  project = path.join(root, 'project');
  projectBin = path.join(project, '.gauntlet', 'bin');
  pathDir = path.join(root, 'usr-bin');
  elsewhere = path.join(root, 'opt');
  await mkdir(projectBin, { recursive: true });
  await mkdir(pathDir);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('findTool', () => {
  it('prefers the env var, then .gauntlet/bin, then PATH', async () => {
    const onPath = await writeFakeBinary(pathDir, 'vegeta', 'Version: v12.1.0');
    const local = await writeFakeBinary(projectBin, 'vegeta', 'Version: v12.13.0');
    const own = await writeFakeBinary(elsewhere, 'my-vegeta', 'Version: v12.0.0');
    const base = { projectRoot: project };
    expect(
      await findTool('vegeta', { ...base, env: { PATH: pathDir, GAUNTLET_VEGETA: own } }),
    ).toEqual({
      path: own,
      version: 'v12.0.0',
    });
    expect(await findTool('vegeta', { ...base, env: { PATH: pathDir } })).toEqual({
      path: local,
      version: 'v12.13.0',
    });
    await rm(local);
    expect(await findTool('vegeta', { ...base, env: { PATH: pathDir } })).toEqual({
      path: onPath,
      version: 'v12.1.0',
    });
    await rm(onPath);
    expect(await findTool('vegeta', { ...base, env: { PATH: pathDir } })).toBeUndefined();
  });

  it('never falls back when the env var points nowhere', async () => {
    await writeFakeBinary(projectBin, 'oasdiff', 'oasdiff version 1.37.0');
    const env = { PATH: pathDir, GAUNTLET_OASDIFF: path.join(root, 'missing-oasdiff') };
    expect(await findTool('oasdiff', { projectRoot: project, env })).toBeUndefined();
    const r = await resolveTool('oasdiff', { projectRoot: project, env });
    expect(r.problem).toBe(
      `$GAUNTLET_OASDIFF is set to ${env.GAUNTLET_OASDIFF}, which is not an executable file`,
    );
  });

  it('reports the version flag output even when it holds no version', async () => {
    const file = await writeFakeBinary(
      projectBin,
      'toxiproxy-server',
      'toxiproxy-server version git',
    );
    expect(
      await resolveTool('toxiproxy-server', { projectRoot: project, env: { PATH: pathDir } }),
    ).toEqual({
      name: 'toxiproxy-server',
      binary: 'toxiproxy-server',
      pinnedVersion: 'v2.12.0',
      envVar: 'GAUNTLET_TOXIPROXY_SERVER',
      usedFor: 'chaos experiments (network faults between services)',
      found: true,
      path: file,
      source: 'project',
      versionOutput: 'toxiproxy-server version git',
    });
  });
});

describe('requireTool', () => {
  it('returns the tool when present', async () => {
    const file = await writeFakeBinary(projectBin, 'hoverfly', 'v1.10.13');
    expect(await requireTool('hoverfly', { projectRoot: project, env: { PATH: pathDir } })).toEqual(
      {
        path: file,
        version: 'v1.10.13',
      },
    );
  });

  it('throws GAUNTLET_E_TOOL_MISSING with the exact fix', async () => {
    await expect(
      requireTool('hoverfly', { projectRoot: project, env: { PATH: pathDir } }),
    ).rejects.toMatchObject({
      code: 'GAUNTLET_E_TOOL_MISSING',
      message:
        'Failed to find hoverfly, needed for the Hoverfly engine of `gauntlet mock --engine hoverfly` and the checks of simulations against the real Hoverfly: because hoverfly is not in .gauntlet/bin, not on PATH, and $GAUNTLET_HOVERFLY is not set. Run `npx gauntlet setup --only hoverfly`, or set GAUNTLET_HOVERFLY to a hoverfly binary.',
      hint: 'Fix: npx gauntlet setup --only hoverfly',
    });
  });

  it('rejects names that are not in the table', async () => {
    await expect(requireTool('wiremock', { projectRoot: project, env: {} })).rejects.toMatchObject({
      code: 'GAUNTLET_E_USAGE',
    });
  });
});
