import { describe, expect, it } from 'vitest';
import type { Activity, Experiment } from './experiment.js';
import { displayStatus } from './journal.js';
import { type RunnerIO, runExperiment } from './run-experiment.js';
import { withinTolerance } from './tolerance.js';

const probe = (name: string, tolerance: Activity['tolerance'] = true): Activity => ({
  type: 'probe',
  name,
  tolerance,
  provider: { type: 'gauntlet', func: 'module', arguments: { path: name } },
});
const action = (name: string, extra: Partial<Activity> = {}): Activity => ({
  type: 'action',
  name,
  provider: { type: 'http', url: `http://x/${name}` },
  ...extra,
});

function experiment(overrides: Partial<Experiment> = {}): Experiment {
  return {
    title: 't',
    'steady-state-hypothesis': { title: 'h', probes: [probe('healthy')] },
    method: [action('add-toxic')],
    rollbacks: [action('remove-toxic')],
    ...overrides,
  };
}

/** A scripted world: each activity name answers from `script` (a function of the call count). */
function world(script: Record<string, (call: number, signal: AbortSignal) => unknown>) {
  const calls: string[] = [];
  let clock = 0;
  const counts = new Map<string, number>();
  const io: RunnerIO = {
    async execute(activity, phase, signal) {
      calls.push(`${phase}:${activity.name}`);
      const n = (counts.get(activity.name) ?? 0) + 1;
      counts.set(activity.name, n);
      clock += 10;
      const answer = script[activity.name];
      return answer ? await answer(n, signal) : true;
    },
    now: () => clock,
    // Time passes a hundred times faster than written, so background loops interleave.
    sleep: (ms) =>
      new Promise((resolve) => {
        clock += ms;
        setTimeout(resolve, ms / 100);
      }),
  };
  return { io, calls };
}

describe('runExperiment', () => {
  it('runs hypothesis → method → hypothesis → rollbacks and completes', async () => {
    const { io, calls } = world({});
    const journal = await runExperiment(experiment(), io, { file: 'x', configuration: {} });
    expect(calls).toEqual([
      'before:healthy',
      'method:add-toxic',
      'after:healthy',
      'rollbacks:remove-toxic',
    ]);
    expect(displayStatus(journal)).toBe('completed');
  });

  it('deviates when the hypothesis misses after the method, naming the probe', async () => {
    const { io } = world({ healthy: (n) => n === 1 });
    const journal = await runExperiment(experiment(), io, { file: 'x', configuration: {} });
    expect(journal.status).toBe('completed');
    expect(journal.deviated).toBe(true);
    expect(displayStatus(journal)).toBe('deviated');
    expect(journal.gauntlet.deviated_probes).toEqual(['healthy']);
    expect(journal.rollbacks.map((r) => r.activity.name)).toEqual(['remove-toxic']);
  });

  it('fails when the steady state is not met before the method, skips the method, still rolls back', async () => {
    const { io, calls } = world({ healthy: () => false });
    const journal = await runExperiment(experiment(), io, { file: 'x', configuration: {} });
    expect(journal.status).toBe('failed');
    expect(calls).toEqual(['before:healthy', 'rollbacks:remove-toxic']);
  });

  it('a crashing probe after the method fails the experiment and the rollbacks still run', async () => {
    const { io, calls } = world({
      healthy: (n) => {
        if (n === 2) throw new Error('socket hang up');
        return true;
      },
    });
    const journal = await runExperiment(experiment(), io, { file: 'x', configuration: {} });
    expect(journal.status).toBe('failed');
    expect(journal.gauntlet.reason).toBe("steady-state probe 'healthy' failed: socket hang up");
    expect(calls.at(-1)).toBe('rollbacks:remove-toxic');
  });

  it('an interrupt mid-method stops the method, skips the hypothesis, runs the rollbacks', async () => {
    const abort = new AbortController();
    const { io, calls } = world({
      'add-toxic': () => true,
      'long-load': (_n, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => resolve('stopped'));
          abort.abort();
        }),
    });
    const journal = await runExperiment(
      experiment({ method: [action('add-toxic'), action('long-load'), action('never')] }),
      io,
      { file: 'x', configuration: {}, signal: abort.signal },
    );
    expect(journal.status).toBe('interrupted');
    expect(calls).toEqual([
      'before:healthy',
      'method:add-toxic',
      'method:long-load',
      'rollbacks:remove-toxic',
    ]);
  });

  it('honours rollback strategies never and deviated', async () => {
    const never = world({});
    await runExperiment(experiment({ runtime: { rollbacks: { strategy: 'never' } } }), never.io, {
      file: 'x',
      configuration: {},
    });
    expect(never.calls).not.toContain('rollbacks:remove-toxic');
    const deviated = world({});
    await runExperiment(
      experiment({ runtime: { rollbacks: { strategy: 'deviated' } } }),
      deviated.io,
      {
        file: 'x',
        configuration: {},
      },
    );
    expect(deviated.calls).not.toContain('rollbacks:remove-toxic');
  });

  it('continuously with fail_fast stops the method when the hypothesis misses during it', async () => {
    const { io, calls } = world({ healthy: (n) => n < 3 });
    const journal = await runExperiment(
      experiment({
        method: [action('a', { pauses: { after: 5 } }), action('b'), action('c')],
        runtime: { hypothesis: { strategy: 'continuously', frequency: 1, fail_fast: true } },
      }),
      io,
      { file: 'x', configuration: {} },
    );
    expect(journal.status).toBe('failed');
    expect(journal.steady_states.during.length).toBeGreaterThan(0);
    expect(calls).not.toContain('method:c');
    expect(calls.at(-1)).toBe('rollbacks:remove-toxic');
  });

  it('substitutes configuration into activities and resolves refs', async () => {
    const seen: string[] = [];
    const io: RunnerIO = {
      execute: async (activity) => {
        if (activity.provider.type === 'http') seen.push(activity.provider.url);
        return true;
      },
      now: () => 0,
      sleep: async () => undefined,
    };
    await runExperiment(
      experiment({
        'steady-state-hypothesis': undefined,
        method: [
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a Chaos Toolkit placeholder, not a JS template.
          { type: 'action', name: 'ping', provider: { type: 'http', url: '${base}/ping' } },
          { ref: 'ping' },
        ],
        rollbacks: [],
      }),
      io,
      { file: 'x', configuration: { base: 'http://127.0.0.1:1' } },
    );
    expect(seen).toEqual(['http://127.0.0.1:1/ping', 'http://127.0.0.1:1/ping']);
  });

  it('a rollback probe with a tolerance that misses deviates the experiment (recovery)', async () => {
    const { io } = world({ recovered: () => ({ held: false }) });
    const journal = await runExperiment(
      experiment({ rollbacks: [action('remove-toxic'), probe('recovered')] }),
      io,
      { file: 'x', configuration: {} },
    );
    expect(displayStatus(journal)).toBe('deviated');
    expect(journal.gauntlet.deviated_probes).toEqual(['recovered']);
  });
});

describe('withinTolerance', () => {
  const http = { status: 503, headers: {}, body: { title: 'Service unavailable' } };
  it.each([
    [200, { status: 200 }, true],
    [200, http, false],
    [[503, 504], http, true],
    [[0, 500], 120, true],
    [[0, 500], 501, false],
    [['a', 'b', 'c'], 'b', true],
    [true, { held: true, elapsed_ms: 3 }, true],
    [true, { held: false }, false],
    ['ok', 'ok', true],
    [{ type: 'regex', pattern: '^Serv', target: 'body' }, { body: 'Service' }, true],
    [
      { type: 'jsonpath', path: '$.title', expect: 'Service unavailable', target: 'body' },
      http,
      true,
    ],
    [{ type: 'jsonpath', path: '$.missing' }, { a: 1 }, false],
    [{ type: 'jsonpath', path: '$.items[*]', count: 2 }, { items: [1, 2] }, true],
    [{ type: 'range', range: [500, 599], target: 'status' }, http, true],
  ] as const)('%j against %j is %s', (tolerance, value, expected) => {
    expect(withinTolerance(tolerance as never, value)).toBe(expected);
  });
});
