import { describe, expect, it } from 'vitest';
import { runStages } from './run-stages.js';
import { stageResult } from './stage-result.js';
import type { RunContext, Stage } from './types.js';

const ctx: Omit<RunContext, 'previous'> = {
  cwd: '/tmp',
  config: {},
  env: {},
  load: async () => [],
  log: () => undefined,
  defer: () => () => undefined,
};

function stage(name: string, status: 'passed' | 'failed' | 'skipped'): Stage {
  return {
    name,
    title: `Stage ${name}`,
    async run(c) {
      return stageResult(
        this,
        [{ name: `${name} check (saw ${c.previous.length} before)`, status }],
        0,
        'done',
      );
    },
  };
}

const fixed = () => new Date('2026-01-01T00:00:00.000Z');

function withoutTimes<T extends { durationMs: number }>(value: T): Omit<T, 'durationMs'> {
  const { durationMs: _ignored, ...rest } = value;
  return rest;
}

describe('runStages', () => {
  it('runs stages in order, each seeing the results before it', async () => {
    const summary = await runStages([stage('a', 'passed'), stage('b', 'skipped')], ctx, {
      now: fixed,
    });
    expect(summary.status).toBe('passed');
    expect(summary.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(summary.stages.map(withoutTimes)).toEqual([
      {
        name: 'a',
        title: 'Stage a',
        status: 'passed',
        summary: 'done',
        checks: [{ name: 'a check (saw 0 before)', status: 'passed' }],
      },
      {
        name: 'b',
        title: 'Stage b',
        status: 'skipped',
        summary: 'done',
        checks: [{ name: 'b check (saw 1 before)', status: 'skipped' }],
      },
    ]);
  });

  it('fails the run when a stage fails, and still runs the later stages', async () => {
    const seen: string[] = [];
    const summary = await runStages([stage('a', 'failed'), stage('b', 'passed')], ctx, {
      onStart: (s) => seen.push(`start ${s.name}`),
      onResult: (r) => seen.push(`${r.name} ${r.status}`),
    });
    expect(summary.status).toBe('failed');
    expect(seen).toEqual(['start a', 'a failed', 'start b', 'b passed']);
  });

  it('turns a stage that throws into a failed stage with the message', async () => {
    const broken: Stage = {
      name: 'broken',
      title: 'Broken',
      run: async () => {
        throw new Error('no such folder: scenarios/\nsecond line');
      },
    };
    const summary = await runStages([broken], ctx);
    expect(summary.status).toBe('failed');
    expect(withoutTimes(summary.stages[0]!)).toEqual({
      name: 'broken',
      title: 'Broken',
      status: 'failed',
      summary: 'stopped: no such folder: scenarios/',
      checks: [
        {
          name: 'Broken could not run',
          status: 'failed',
          message: 'no such folder: scenarios/\nsecond line',
        },
      ],
    });
  });
});
