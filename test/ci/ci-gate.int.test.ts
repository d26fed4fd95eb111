import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findTool } from '../../src/adapters/tools/find-tool.js';
import { gateStages } from '../../src/ci/gate-stages.js';
import type { GauntletConfig } from '../../src/config.js';
import { renderJunit } from '../../src/report/junit.js';
import { createRunContext } from '../../src/run/run-context.js';
import { runStages } from '../../src/run/run-stages.js';

// A throwaway git repository holding inventory's spec and orders' pact, committed on `main`;
// each test edits the working copy the way a pull request would, then runs the gate on it.
let oasdiff: string;
let repo: string;

beforeAll(async () => {
  const tool = await findTool('oasdiff', { projectRoot: process.cwd() });
  if (!tool)
    throw new Error('oasdiff is not installed: run `node bin/gauntlet.js setup --only oasdiff`');
  oasdiff = tool.path;
});

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'gauntlet-ci-gate-'));
  await mkdir(join(repo, 'contracts/pacts'), { recursive: true });
  await copyFile('contracts/openapi/inventory.yaml', join(repo, 'contracts/inventory.yaml'));
  await copyFile(
    'contracts/pacts/orders-inventory.json',
    join(repo, 'contracts/pacts/orders-inventory.json'),
  );
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'base');
});

afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

const config: GauntletConfig = {
  services: { inventory: { contracts: ['contracts/inventory.yaml'] } },
  ci: {
    pacts: ['contracts/pacts'],
    baseRef: 'main',
    registry: '.gauntlet/registry',
    environment: 'production',
  },
};

async function gate(edit: (spec: string) => string) {
  const file = join(repo, 'contracts/inventory.yaml');
  await writeFile(file, edit(await readFile(file, 'utf8')));
  const env = { ...process.env, GAUNTLET_OASDIFF: oasdiff, GAUNTLET_VERSION: 'v1' };
  const { ctx } = createRunContext({ cwd: repo, config, env, log: () => {} });
  const lines: string[] = [];
  const summary = await runStages(await gateStages(ctx, (l) => lines.push(l)), ctx);
  return { summary, lines, stage: (name: string) => summary.stages.find((s) => s.name === name)! };
}

describe('gauntlet ci gate', () => {
  it('fails on a breaking change a consumer relies on, naming the consumer', async () => {
    const { summary, stage } = await gate((s) =>
      s
        .replace('required: [id, sku, quantity, orderId]', 'required: [sku, quantity, orderId]')
        .replace('        id: { type: string }\n        sku:', '        sku:'),
    );
    expect(summary.status).toBe('failed');
    const diff = stage('ci-diff');
    expect(diff.status).toBe('failed');
    expect(diff.checks[0]?.message).toBe(
      '1 breaking (1 breaking current consumers), 0 warning(s), 1 other: POST /reservations removed the required property `id` from the response with the `201` status — orders relies on field `id` of 201 responses of POST /reservations',
    );
    // The compat step sees the same break from the other side: the pact now uses an undocumented field.
    expect(stage('ci-compat').checks[0]?.message).toMatch(/^response\.body\.incompatible: /);
    expect(renderJunit(summary)).toContain(
      '<testsuite name="Breaking changes against the base branch" id="ci-diff" tests="1" failures="1" skipped="0"',
    );
  });

  it('passes diff and compat on a non-breaking change and on a breaking change no consumer relies on', async () => {
    const { summary, stage } = await gate((s) =>
      s
        .replace(
          '        detail: { type: string }',
          '        detail: { type: string }\n        instance: { type: string }',
        )
        // GET /health is called by no consumer pact: removing it breaks no current consumer.
        .replace(/ {2}\/health:\n(?: {4}.*\n)+/, ''),
    );
    const diff = stage('ci-diff');
    expect(diff.status).toBe('passed');
    expect(diff.checks[0]?.message).toMatch(
      /^1 breaking \(0 breaking current consumers\), 0 warning\(s\), \d+ other: GET \/health API path removed without deprecation — no consumer pact calls GET \/health$/,
    );
    expect(stage('ci-compat').status).toBe('passed');
    // No provider-states module configured: verify is skipped with the reason, never silently.
    expect(stage('ci-verify').checks).toEqual([
      {
        name: 'pacts of inventory',
        status: 'skipped',
        message: 'no ci.verify.inventory.states module in gauntlet.config.ts to start it',
      },
    ]);
    expect(stage('ci-publish').status).toBe('passed');
    // inventory v1 was never verified, so can-i-deploy says no, with the reason.
    const deploy = stage('ci-can-i-deploy');
    expect(deploy.checks.map((c) => [c.name, c.status, c.message])).toEqual([
      [
        'inventory → production',
        'failed',
        'inventory version v1 is not in the registry: publish its pacts (gauntlet publish) or record its verification results first',
      ],
    ]);
    expect(summary.status).toBe('failed');
  });

  it('skips the diff with a visible reason when the base ref does not exist', async () => {
    const { ctx } = createRunContext({
      cwd: repo,
      config: { ...config, ci: { ...config.ci, baseRef: 'origin/nope' } },
      env: { ...process.env, GAUNTLET_OASDIFF: oasdiff, GAUNTLET_VERSION: 'v1' },
      log: () => {},
    });
    const summary = await runStages((await gateStages(ctx)).slice(1, 2), ctx);
    expect(summary.stages[0]?.status).toBe('skipped');
    expect(summary.stages[0]?.summary).toBe(
      'skipped: base ref origin/nope not found in git (set GAUNTLET_BASE_REF, or fetch it: git fetch origin main)',
    );
  });
});
