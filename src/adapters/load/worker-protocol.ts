import type { GroupSummary } from '../../load/checks.js';
import type { MetricDefinition } from '../../load/metric-names.js';
import type { MetricsState } from '../../load/metrics.js';
import type { PreparedRequest } from '../../load/requests-iteration.js';
import type { ThresholdGroup } from '../../load/thresholds.js';
import type { Scenario } from '../../load/types.js';
import type { ThreadSlice } from './load-thread.js';

/** What runLoad hands each worker thread (structured-cloneable: no functions). */
export interface WorkerInput {
  baseUrl: string;
  headers: Record<string, string>;
  scenarios: Record<string, { scenario: Scenario; requests: PreparedRequest[] }>;
  thresholds: readonly ThresholdGroup[];
  metrics: Readonly<Record<string, MetricDefinition>>;
  slice: ThreadSlice;
  /** Busy VUs per scenario, shared by every thread (Int32Array view). */
  vuSlots: SharedArrayBuffer;
  /** Send the whole metrics state every second (for abortOnFail thresholds). */
  live: boolean;
}

/**
 * What the main thread sends: `start` once every worker is ready, with the run's and the
 * scenarios' start as epoch ms (`performance.timeOrigin + now()`, the one clock all threads
 * share); `stop` to interrupt the run.
 */
export type MainMessage =
  | { type: 'start'; runEpochMs: number; scenarioEpochMs: number }
  | { type: 'stop' };

/** A thread's counts so far and its last full second's latency: the live progress. */
export interface ThreadTotals {
  requests: number;
  failed: number;
  iterations: number;
  dropped: number;
  p50: number;
  p99: number;
}

/** What a worker sends back: ready, a line of progress each second, everything at the end. */
export type WorkerMessage =
  | { type: 'ready'; thread: number }
  | (ThreadTotals & { type: 'second'; thread: number; metrics?: MetricsState })
  | {
      type: 'done';
      thread: number;
      metrics: MetricsState;
      checks: GroupSummary;
      errors: Array<[string, number]>;
      requests: number;
      failed: number;
      iterations: number;
      dropped: number;
      maxBusy: number[];
      utilization: number;
    };
