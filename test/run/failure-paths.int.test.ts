// `gauntlet run` on small systems that fail on purpose (test/run/fixtures, see its README): each
// failure must fail its stage, name what failed and why, and never pass for a success. Runs the
// built binary (`npm run build`; `npm test` builds first).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check, RunSummary } from '../../src/report/types.js';
import { repoRoot, runCli } from '../cli/run-cli.js';

const FIXTURES = join(repoRoot, 'test/run/fixtures');

let reports: string;
beforeAll(async () => {
  reports = await mkdtemp(join(tmpdir(), 'gauntlet-run-failures-'));
});
afterAll(() => rm(reports, { recursive: true, force: true }));

/** `gauntlet run --stage STAGE --json` in a fixture system: the exit code and the summary. */
async function run(
  system: string,
  stage: string,
): Promise<{ code: number | null; summary: RunSummary }> {
  const result = await runCli(
    ['run', '--stage', stage, '--json', '--report-dir', join(reports, system)],
    { cwd: join(FIXTURES, system), env: { NO_COLOR: '1' } },
  );
  let summary: RunSummary;
  try {
    summary = JSON.parse(result.stdout) as RunSummary;
  } catch {
    throw new Error(`gauntlet run printed no summary (exit ${result.code}):\n${result.stderr}`);
  }
  return { code: result.code, summary };
}

function checksOf(summary: RunSummary, stage: string): Check[] {
  const found = summary.stages.find((s) => s.name === stage);
  if (found === undefined) throw new Error(`no stage ${stage} in the summary`);
  return found.checks;
}

function check(checks: readonly Check[], name: string): Check {
  const found = checks.find((c) => c.name === name);
  if (found === undefined) {
    throw new Error(`no check "${name}" among: ${checks.map((c) => c.name).join(' | ')}`);
  }
  return found;
}

describe('gauntlet run --stage mocked on a system that breaks its contracts', () => {
  let code: number | null;
  let checks: Check[];
  let summary: RunSummary;
  beforeAll(async () => {
    ({ code, summary } = await run('broken', 'mocked'));
    checks = checksOf(summary, 'mocked');
  }, 120_000);

  it('fails the stage and the run (exit 1)', () => {
    expect(code).toBe(1);
    expect(summary.status).toBe('failed');
    expect(summary.stages.map((s) => [s.name, s.status])).toEqual([['mocked', 'failed']]);
  });

  it('a service that breaks its own contract fails, naming the operation and the schema error', () => {
    const greeting = check(checks, 'greeter: GET /greeting');
    expect(greeting.status).toBe('failed');
    expect(greeting.message).toBe('body /greeting: must be string');
    // Its other operation keeps its contract and passes: the failure is pinned to the one.
    expect(check(checks, 'greeter: GET /health').status).toBe('passed');
  });

  it('a consumer calling what its mock does not know fails, with the near miss', () => {
    const calls = check(checks, 'front: calls to the greeter mock');
    expect(calls.status).toBe('failed');
    // The closest operation of the contract is named, and why it did not match.
    expect(calls.message).toBe(
      "1 of 1 requests missed the contract: GET /greetings → 404 — closest: GET /greeting (greeting) (path segment 1 is 'greetings', /greeting expects 'greeting')",
    );
    // front itself answers within its own contract: only the calls to the mock fail.
    expect(check(checks, 'front: GET /hello').status).toBe('passed');
  });
});

describe('gauntlet run --stage system with scenarios that fail', () => {
  let code: number | null;
  let checks: Check[];
  beforeAll(async () => {
    let summary: RunSummary;
    ({ code, summary } = await run('scenarios', 'system'));
    checks = checksOf(summary, 'system');
  }, 120_000);

  it('fails the stage (exit 1)', () => {
    expect(code).toBe(1);
    expect(check(checks, 'services: counter starts').status).toBe('passed');
  });

  it('a step with a wrong expectation fails, naming the step, what was sent and what came back', () => {
    expect(check(checks, 'wrong expectation: create an item').status).toBe('passed');
    const wrong = check(checks, 'wrong expectation: read it back expecting the wrong status');
    expect(wrong.status).toBe('failed');
    expect(wrong.message).toMatch(/^GET \/items\/i-\d+: expected status 404, got 200$/);
  });

  it('skips the steps after a failed one', () => {
    expect(check(checks, 'wrong expectation: a step after the failure')).toEqual({
      name: 'wrong expectation: a step after the failure',
      status: 'skipped',
      message: 'an earlier step failed',
    });
  });

  it('eventuallyMs retries a step until it passes', () => {
    const ready = check(checks, 'eventually ready: becomes ready within the retry window');
    expect(ready.status).toBe('passed');
    // The service answers 503 for its first 400 ms: a single attempt could not have passed.
    expect(ready.durationMs).toBeGreaterThanOrEqual(300);
  });

  it('eventuallyMs gives up after its window and fails the step', () => {
    const never = check(checks, 'never ready: gives up after the retry window');
    expect(never.status).toBe('failed');
    expect(never.message).toBe('GET /never: expected status 200, got 503');
    expect(never.durationMs).toBeGreaterThanOrEqual(300);
  });

  it('a save of a field the answer lacks fails the step and skips the rest', () => {
    const save = check(checks, 'bad save: save a field the answer does not have');
    expect(save.status).toBe('failed');
    expect(save.message).toBe('POST /items: cannot save owner: the answer has no owner.name');
    expect(check(checks, 'bad save: use the saved value').status).toBe('skipped');
  });
});
