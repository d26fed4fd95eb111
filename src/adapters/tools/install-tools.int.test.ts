import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTool } from './find-tool.js';
import { readGoBuildInfo } from './go-build-info.js';
import { installTools, setupFailure } from './install-tools.js';

// Real `go install` downloads modules and builds (tens of seconds per tool on a cold cache), so it
// runs only on request; .ci/run exercises the same path with `gauntlet setup` on every CI run.
const enabled = process.env.GAUNTLET_SETUP_INT === '1';
const title = enabled
  ? 'real go install (GAUNTLET_SETUP_INT=1)'
  : 'real go install — SKIPPED: set GAUNTLET_SETUP_INT=1 to run (needs Go and the module proxy; .ci/run covers it via `gauntlet setup`)';

// The default reporter only counts skips; say why in the run's output too.
if (!enabled) console.info(`install-tools.int.test.ts: ${title}`);

describe.skipIf(!enabled)(title, () => {
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'gauntlet-setup-int-'));
  });

  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('installs toxiproxy-server under its own name, at the pinned version, then skips it', async () => {
    const report = await installTools({
      projectRoot: project,
      env: process.env,
      only: ['toxiproxy-server'],
    });
    expect(setupFailure(report)).toBeUndefined();
    expect(report.tools.map((t) => [t.name, t.status])).toEqual([
      ['toxiproxy-server', 'installed'],
    ]);
    const binary = path.join(project, '.gauntlet', 'bin', 'toxiproxy-server');
    expect((await readGoBuildInfo(binary))?.module).toEqual({
      path: 'github.com/Shopify/toxiproxy/v2',
      version: 'v2.12.0',
    });
    expect(await findTool('toxiproxy-server', { projectRoot: project, env: { PATH: '' } })).toEqual(
      {
        path: binary,
        version: 'v2.12.0',
      },
    );
    const again = await installTools({
      projectRoot: project,
      env: process.env,
      only: ['toxiproxy-server'],
    });
    expect(again.tools.map((t) => t.status)).toEqual(['already-installed']);
    expect(again.go).toBeNull();
  }, 600_000);
});
