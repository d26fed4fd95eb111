import type {
  Activity,
  ActivityRef,
  Experiment,
  HypothesisStrategy,
  RollbackStrategy,
} from './experiment.js';
import { isActivityRef } from './experiment.js';
import type { ActivityRun, ChaosJournal, JournalStatus, Phase, SteadyState } from './journal.js';
import { type ResolvedConfiguration, substitute } from './substitute.js';
import { withinTolerance } from './tolerance.js';

/** Everything the runner needs from the outside world: it does no I/O of its own. */
export interface RunnerIO {
  /**
   * Runs one activity (placeholders already substituted) and returns its output; throws when
   * the activity fails. `signal` aborts when the run is interrupted: stop waiting then.
   */
  execute(activity: Activity, phase: Phase, signal: AbortSignal): Promise<unknown>;
  /** Epoch milliseconds. */
  now(): number;
  /** Waits, or resolves early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Called as each activity finishes (progress lines, the timeline). */
  onActivity?(run: ActivityRun): void;
}

export interface RunExperimentOptions {
  file: string;
  configuration: ResolvedConfiguration;
  /** Aborted on SIGINT/SIGTERM: the method stops, the rollbacks run, the status is interrupted. */
  signal?: AbortSignal;
  /** Override the experiment's `runtime` (as `chaos run --hypothesis-strategy` does). */
  strategy?: HypothesisStrategy;
  rollbackStrategy?: RollbackStrategy;
}

class Interrupted extends Error {}

/** Resolves `{ ref: name }` entries against the activities declared so far. */
function resolveRefs(experiment: Experiment): {
  method: Activity[];
  rollbacks: Activity[];
} {
  const named = new Map<string, Activity>();
  for (const probe of experiment['steady-state-hypothesis']?.probes ?? []) {
    named.set(probe.name, probe);
  }
  const resolve = (list: Array<Activity | ActivityRef>): Activity[] =>
    list.map((entry) => {
      if (!isActivityRef(entry)) {
        named.set(entry.name, entry);
        return entry;
      }
      const found = named.get(entry.ref);
      if (!found) throw new Error(`ref '${entry.ref}' names no activity declared before it`);
      return found;
    });
  return { method: resolve(experiment.method), rollbacks: resolve(experiment.rollbacks ?? []) };
}

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Runs one experiment the way Chaos Toolkit does — steady-state hypothesis, method, hypothesis
 * again, rollbacks — with its runtime strategies (`default`, `before-method-only`,
 * `after-method-only`, `during-method-only`, `continuously` with `frequency`, `fail_fast` and
 * `fail_fast_ratio`; rollbacks `default`/`always`/`never`/`deviated`), pauses and background
 * activities, and returns its journal. Differences from Chaos Toolkit, on purpose: rollbacks
 * also run after a failure and an interruption under the `default` strategy (a toxic must never
 * outlive its experiment), a missed hypothesis before the method is `failed`, and a method or
 * rollback probe with a tolerance is checked (an assertion under the fault, recovery after the
 * rollback); a miss there deviates the experiment.
 *
 * @example
 * const journal = await runExperiment(experiment, io, { file: 'chaos/x.yaml', configuration });
 * displayStatus(journal); // 'completed' | 'deviated' | 'failed' | 'aborted' | 'interrupted'
 */
export async function runExperiment(
  experiment: Experiment,
  io: RunnerIO,
  options: RunExperimentOptions,
): Promise<ChaosJournal> {
  const started = io.now();
  const signal = options.signal ?? new AbortController().signal;
  const configuration = options.configuration;
  const strategy = options.strategy ?? experiment.runtime?.hypothesis?.strategy ?? 'default';
  const rollbackStrategy =
    options.rollbackStrategy ?? experiment.runtime?.rollbacks?.strategy ?? 'default';
  const frequencyMs = (experiment.runtime?.hypothesis?.frequency ?? 1) * 1000;
  const failFast = experiment.runtime?.hypothesis?.fail_fast ?? false;
  const failFastRatio = experiment.runtime?.hypothesis?.fail_fast_ratio ?? 0;
  const probes = experiment['steady-state-hypothesis']?.probes ?? [];
  const journal: ChaosJournal = {
    experiment,
    file: options.file,
    start: new Date(started).toISOString(),
    end: '',
    duration: 0,
    status: 'completed',
    deviated: false,
    steady_states: { before: null, after: null, during: [] },
    run: [],
    rollbacks: [],
    gauntlet: { deviated_probes: [], leftover_toxics: [], timeline: [], requests: [] },
  };
  const fail = (status: JournalStatus, reason: string): void => {
    if (journal.status === 'completed') {
      journal.status = status;
      journal.gauntlet.reason = reason;
    }
  };

  const runActivity = async (activity: Activity, phase: Phase): Promise<ActivityRun> => {
    const pauses = activity.pauses;
    if (pauses?.before) await io.sleep(Number(pauses.before) * 1000, signal);
    const concrete = substitute(activity, configuration);
    const begin = io.now();
    let run: ActivityRun;
    try {
      const output = await io.execute(concrete, phase, signal);
      run = record(concrete, phase, begin, { status: 'succeeded', output });
    } catch (error) {
      run = record(concrete, phase, begin, { status: 'failed', exception: message(error) });
    }
    if (pauses?.after) await io.sleep(Number(pauses.after) * 1000, signal);
    return run;
  };
  const record = (
    activity: Activity,
    phase: Phase,
    begin: number,
    result: Pick<ActivityRun, 'status' | 'output' | 'exception'>,
  ): ActivityRun => {
    const end = io.now();
    return {
      activity,
      phase,
      ...result,
      start: new Date(begin).toISOString(),
      end: new Date(end).toISOString(),
      duration: (end - begin) / 1000,
    };
  };

  /** Is the output within the probe's tolerance (a probe tolerance runs that probe). */
  const checkTolerance = async (activity: Activity, run: ActivityRun, phase: Phase) => {
    const tolerance = substitute(activity.tolerance, configuration);
    if (tolerance === undefined) return true;
    if (typeof tolerance === 'object' && !Array.isArray(tolerance) && tolerance.type === 'probe') {
      const provider = tolerance.provider;
      const withValue =
        provider.type === 'python' || provider.type === 'gauntlet'
          ? { ...provider, arguments: { ...(provider.arguments ?? {}), value: run.output } }
          : provider;
      try {
        return Boolean(await io.execute({ ...tolerance, provider: withValue }, phase, signal));
      } catch {
        return false;
      }
    }
    return withinTolerance(tolerance, run.output);
  };

  /** Runs every hypothesis probe, stopping at the first one out of tolerance (as CT does). */
  const hypothesis = async (phase: Phase): Promise<SteadyState> => {
    const state: SteadyState = { steady_state_met: true, probes: [] };
    for (const probe of probes) {
      if (signal.aborted) throw new Interrupted();
      const run = await runActivity(probe, phase);
      run.tolerance_met = run.status === 'succeeded' && (await checkTolerance(probe, run, phase));
      state.probes.push(run);
      io.onActivity?.(run);
      if (!run.tolerance_met) {
        state.steady_state_met = false;
        break;
      }
    }
    return state;
  };
  const crashed = (state: SteadyState): ActivityRun | undefined =>
    state.probes.find((p) => p.status === 'failed');
  const missed = (state: SteadyState): string[] =>
    state.probes.filter((p) => p.tolerance_met === false).map((p) => p.activity.name);

  let refs: ReturnType<typeof resolveRefs>;
  try {
    refs = resolveRefs(experiment);
  } catch (error) {
    fail('aborted', message(error));
    return finish(journal, io, started);
  }

  const before =
    strategy === 'default' || strategy === 'before-method-only' || strategy === 'continuously';
  const after =
    strategy === 'default' || strategy === 'after-method-only' || strategy === 'continuously';
  const during = strategy === 'during-method-only' || strategy === 'continuously';
  let methodDone = false;
  let stopMethod = false;

  try {
    let gateOpen = true;
    if (before && probes.length > 0) {
      const state = await hypothesis('before');
      journal.steady_states.before = state;
      if (!state.steady_state_met) {
        gateOpen = false;
        const crash = crashed(state);
        fail(
          'failed',
          crash
            ? `steady-state probe '${crash.activity.name}' failed before the method: ${crash.exception}`
            : `the steady state was not met before the method (probe ${missed(state).join(', ')})`,
        );
      }
    }
    if (gateOpen) {
      const continuous =
        during && probes.length > 0
          ? (async () => {
              let runs = 0;
              let misses = 0;
              while (!methodDone && !signal.aborted) {
                const state = await hypothesis('during');
                journal.steady_states.during.push(state);
                runs++;
                if (!state.steady_state_met) {
                  misses++;
                  // As chaostoolkit-lib: the share is checked each time a run misses, over every
                  // run so far; at or above fail_fast_ratio the experiment stops.
                  const missedPercent = (misses * 100) / runs;
                  if (failFast && missedPercent >= failFastRatio) {
                    fail(
                      'failed',
                      `the steady state deviated during the method (probe ${missed(state).join(', ')}; ${misses} of ${runs} runs, ${Math.round(missedPercent * 10) / 10} % ≥ fail_fast_ratio ${failFastRatio} %) and fail_fast is set`,
                    );
                    stopMethod = true;
                    return;
                  }
                }
                await io.sleep(frequencyMs, signal);
              }
            })()
          : Promise.resolve();
      const background: Array<Promise<void>> = [];
      try {
        for (const activity of refs.method) {
          if (signal.aborted) throw new Interrupted();
          if (stopMethod) break;
          const step = runActivity(activity, 'method').then(async (run) => {
            // A method probe with a tolerance is an assertion under the fault (Chaos Toolkit
            // ignores it): a miss deviates the experiment and is named.
            if (activity.type === 'probe' && activity.tolerance !== undefined) {
              run.tolerance_met =
                run.status === 'succeeded' && (await checkTolerance(activity, run, 'method'));
              if (!run.tolerance_met) {
                journal.deviated = true;
                journal.gauntlet.deviated_probes.push(activity.name);
              }
            }
            journal.run.push(run);
            io.onActivity?.(run);
          });
          if (activity.background) background.push(step);
          else await step;
        }
        await Promise.all(background);
      } finally {
        methodDone = true;
        await continuous;
      }
      if (signal.aborted) throw new Interrupted();
      if (after && probes.length > 0 && journal.status === 'completed') {
        const state = await hypothesis('after');
        journal.steady_states.after = state;
        if (!state.steady_state_met) {
          journal.deviated = true;
          journal.gauntlet.deviated_probes.push(...missed(state));
          const crash = crashed(state);
          if (crash)
            fail(
              'failed',
              `steady-state probe '${crash.activity.name}' failed: ${crash.exception}`,
            );
        }
      }
    }
  } catch (error) {
    if (error instanceof Interrupted || signal.aborted) {
      journal.status = 'interrupted';
      journal.gauntlet.reason = 'interrupted (SIGINT/SIGTERM) during the experiment';
    } else {
      journal.status = 'aborted';
      journal.gauntlet.reason = message(error);
    }
  }

  const playRollbacks =
    rollbackStrategy === 'never'
      ? false
      : rollbackStrategy === 'deviated'
        ? journal.deviated
        : true;
  if (playRollbacks) {
    // Rollbacks run even when interrupted: they get a fresh, never-aborted signal.
    const calm = new AbortController().signal;
    for (const activity of refs.rollbacks) {
      const concrete = substitute(activity, configuration);
      const begin = io.now();
      let run: ActivityRun;
      try {
        const output = await io.execute(concrete, 'rollbacks', calm);
        run = record(concrete, 'rollbacks', begin, { status: 'succeeded', output });
      } catch (error) {
        run = record(concrete, 'rollbacks', begin, { status: 'failed', exception: message(error) });
      }
      if (activity.tolerance !== undefined) {
        run.tolerance_met =
          run.status === 'succeeded' && (await checkTolerance(activity, run, 'rollbacks'));
        if (!run.tolerance_met && journal.status !== 'interrupted') {
          journal.deviated = true;
          journal.gauntlet.deviated_probes.push(activity.name);
        }
      }
      journal.rollbacks.push(run);
      io.onActivity?.(run);
    }
  }
  return finish(journal, io, started);
}

function finish(journal: ChaosJournal, io: RunnerIO, started: number): ChaosJournal {
  const end = io.now();
  journal.end = new Date(end).toISOString();
  journal.duration = (end - started) / 1000;
  return journal;
}
