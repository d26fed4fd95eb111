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

  describe('continuously with fail_fast_ratio (a percentage of the runs during the method)', () => {
    /**
     * The hypothesis answers `during[i]` on its i-th run during the method (true before and
     * after it); the method's first action holds until the last of those runs has been decided,
     * so the number of runs is the script's, not the clock's.
     */
    function continuous(
      during: boolean[],
      hypothesis: NonNullable<Experiment['runtime']>['hypothesis'],
    ) {
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const { io, calls } = world({
        healthy: (n) => {
          const i = n - 2;
          if (i === during.length - 1) setTimeout(release, 20);
          return i >= 0 && i < during.length ? during[i] : true;
        },
        hold: () => gate.then(() => true),
      });
      const run = runExperiment(
        experiment({
          method: [action('hold'), action('next')],
          runtime: { hypothesis: { strategy: 'continuously', frequency: 1, ...hypothesis } },
        }),
        io,
        { file: 'x', configuration: {} },
      );
      return { run, calls };
    }
    const duringRuns = (calls: string[]) => calls.filter((c) => c === 'during:healthy').length;

    it('stops once the share of missed runs reaches the ratio: 1 of 2 is 50 % ≥ 50', async () => {
      const { run, calls } = continuous([true, false], { fail_fast: true, fail_fast_ratio: 50 });
      const journal = await run;
      expect(journal.status).toBe('failed');
      expect(journal.gauntlet.reason).toBe(
        'the steady state deviated during the method (probe healthy; 1 of 2 runs, 50 % ≥ fail_fast_ratio 50 %) and fail_fast is set',
      );
      expect(duringRuns(calls)).toBe(2);
      expect(calls).not.toContain('method:next');
      expect(calls).not.toContain('after:healthy');
      expect(calls.at(-1)).toBe('rollbacks:remove-toxic');
    });

    it('keeps going while the share stays below the ratio: 1 of 2 (50 %) < 60, then 2 of 3 (66.7 %) stops', async () => {
      const { run, calls } = continuous([true, false, false], {
        fail_fast: true,
        fail_fast_ratio: 60,
      });
      const journal = await run;
      expect(journal.status).toBe('failed');
      expect(journal.gauntlet.reason).toContain('2 of 3 runs, 66.7 % ≥ fail_fast_ratio 60 %');
      expect(duringRuns(calls)).toBe(3);
      expect(journal.steady_states.during.map((s) => s.steady_state_met)).toEqual([
        true,
        false,
        false,
      ]);
      expect(calls).not.toContain('method:next');
    });

    it('a miss on the first run is 100 % of the runs so far: it stops whatever the ratio', async () => {
      const { run, calls } = continuous([false], { fail_fast: true, fail_fast_ratio: 90 });
      const journal = await run;
      expect(journal.status).toBe('failed');
      expect(journal.gauntlet.reason).toContain('1 of 1 runs, 100 % ≥ fail_fast_ratio 90 %');
      expect(duringRuns(calls)).toBe(1);
    });

    it('without a ratio the first miss stops the experiment (ratio 0, as Chaos Toolkit)', async () => {
      const { run, calls } = continuous([true, true, false], { fail_fast: true });
      const journal = await run;
      expect(journal.status).toBe('failed');
      expect(journal.gauntlet.reason).toContain('1 of 3 runs, 33.3 % ≥ fail_fast_ratio 0 %');
      expect(duringRuns(calls)).toBe(3);
    });

    it('without fail_fast the ratio is ignored: misses during the method neither stop nor deviate it', async () => {
      const { run, calls } = continuous([false, false], { fail_fast_ratio: 10 });
      const journal = await run;
      expect(journal.status).toBe('completed');
      expect(journal.deviated).toBe(false);
      expect(calls).toContain('method:next');
      expect(calls).toContain('after:healthy');
      expect(journal.steady_states.during.slice(0, 2).map((s) => s.steady_state_met)).toEqual([
        false,
        false,
      ]);
    });
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

  it('a method probe with a tolerance is checked: a miss deviates and is named, the method goes on', async () => {
    const { io, calls } = world({ 'fails-fast': () => ({ held: false }), counted: () => 3 });
    const journal = await runExperiment(
      experiment({
        method: [
          action('add-toxic'),
          probe('fails-fast'),
          // No tolerance: an observation, as in Chaos Toolkit.
          { ...probe('counted'), tolerance: undefined },
          action('more'),
        ],
      }),
      io,
      { file: 'x', configuration: {} },
    );
    expect(displayStatus(journal)).toBe('deviated');
    expect(journal.gauntlet.deviated_probes).toEqual(['fails-fast']);
    expect(journal.run.map((r) => [r.activity.name, r.tolerance_met])).toEqual([
      ['add-toxic', undefined],
      ['fails-fast', false],
      ['counted', undefined],
      ['more', undefined],
    ]);
    expect(calls).toEqual([
      'before:healthy',
      'method:add-toxic',
      'method:fails-fast',
      'method:counted',
      'method:more',
      'after:healthy',
      'rollbacks:remove-toxic',
    ]);
  });

  it('a method probe within its tolerance leaves the experiment completed', async () => {
    const { io } = world({ 'fails-fast': () => ({ held: true }) });
    const journal = await runExperiment(
      experiment({ method: [action('add-toxic'), probe('fails-fast')] }),
      io,
      { file: 'x', configuration: {} },
    );
    expect(displayStatus(journal)).toBe('completed');
    expect(journal.run[1]?.tolerance_met).toBe(true);
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
