import type { Activity, Experiment } from './experiment.js';

/** Where an activity ran. */
export type Phase = 'before' | 'method' | 'during' | 'after' | 'rollbacks' | 'reset';

/** Chaos Toolkit's journal statuses; `deviated` is shown when `deviated` is true. */
export type JournalStatus = 'completed' | 'failed' | 'aborted' | 'interrupted';
export type ExperimentStatus = JournalStatus | 'deviated';

/** One activity as it ran (Chaos Toolkit's run record, plus the phase and ms timestamps). */
export interface ActivityRun {
  activity: Activity;
  phase: Phase;
  status: 'succeeded' | 'failed';
  output?: unknown;
  /** What went wrong when the activity itself failed (threw, timed out). */
  exception?: string;
  start: string;
  end: string;
  /** Seconds, as in Chaos Toolkit. */
  duration: number;
  /** Steady-state probes (and method or rollback probes with a tolerance): whether the output was within it. */
  tolerance_met?: boolean;
}

export interface SteadyState {
  steady_state_met: boolean;
  probes: ActivityRun[];
}

/** A toxic or proxy change on the time axis, for the timeline (filled in by the executor). */
export interface TimelineMark {
  /** ms since the experiment started. */
  at: number;
  /** e.g. `+ latency slow on orders_to_inventory`, `- slow`, `proxy orders_to_payments disabled`. */
  label: string;
  proxy?: string;
  toxic?: string;
  kind: 'add' | 'remove' | 'disable' | 'enable' | 'reset';
}

/** One request a probe made, for the latency plot. */
export interface RequestSample {
  /** ms since the experiment started. */
  at: number;
  ms: number;
  status: number | 'error';
  probe: string;
}

/** The journal of one experiment run: Chaos Toolkit's shape, plus Gauntlet's timeline. */
export interface ChaosJournal {
  experiment: Experiment;
  /** Where the experiment was read from, relative to the config folder. */
  file: string;
  start: string;
  end: string;
  /** Seconds. */
  duration: number;
  status: JournalStatus;
  deviated: boolean;
  steady_states: {
    before: SteadyState | null;
    after: SteadyState | null;
    during: SteadyState[];
  };
  run: ActivityRun[];
  rollbacks: ActivityRun[];
  gauntlet: {
    /** The probes whose tolerance was missed after the method (or in a rollback), by name. */
    deviated_probes: string[];
    /** Why the experiment failed, aborted or was interrupted, when it did. */
    reason?: string;
    /** Toxics removed by the final reset that the rollbacks had left behind. */
    leftover_toxics: string[];
    timeline: TimelineMark[];
    requests: RequestSample[];
  };
}

/** The status people see: `deviated` when the steady state deviated, else the journal's. */
export function displayStatus(
  journal: Pick<ChaosJournal, 'status' | 'deviated'>,
): ExperimentStatus {
  return journal.deviated ? 'deviated' : journal.status;
}
