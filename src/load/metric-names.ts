import type { MetricType } from './types.js';

/** What a metric's values measure: k6's `contains` (time in ms, data in bytes, or plain). */
export type MetricContains = 'default' | 'time' | 'data';

export interface MetricDefinition {
  type: MetricType;
  contains: MetricContains;
}

const time = (type: MetricType = 'trend'): MetricDefinition => ({ type, contains: 'time' });

/**
 * k6's built-in metric names (and Gauntlet's generator-health metrics, prefixed `gauntlet_`),
 * each with its type. A threshold on any other name must be a custom metric of the suite.
 */
export const BUILTIN_METRICS: Readonly<Record<string, MetricDefinition>> = {
  http_reqs: { type: 'counter', contains: 'default' },
  http_req_duration: time(),
  http_req_blocked: time(),
  http_req_connecting: time(),
  http_req_tls_handshaking: time(),
  http_req_sending: time(),
  http_req_waiting: time(),
  http_req_receiving: time(),
  http_req_failed: { type: 'rate', contains: 'default' },
  iterations: { type: 'counter', contains: 'default' },
  iteration_duration: time(),
  dropped_iterations: { type: 'counter', contains: 'default' },
  vus: { type: 'gauge', contains: 'default' },
  vus_max: { type: 'gauge', contains: 'default' },
  checks: { type: 'rate', contains: 'default' },
  data_sent: { type: 'counter', contains: 'data' },
  data_received: { type: 'counter', contains: 'data' },
  group_duration: time(),
  /**
   * A request's latency from the moment the engine handed it to the HTTP client to its end: what
   * vegeta, wrk and other tools that start the clock when they send call latency. The
   * difference from http_req_duration (from the intended start) is the generator's own lag.
   */
  gauntlet_http_req_sent_duration: time(),
  /** How late iterations started against their schedule (generator health). */
  gauntlet_schedule_lag: time(),
  /** The generator's event-loop delay, sampled through the run. */
  gauntlet_event_loop_delay: time(),
  /** The generator process's CPU use, as a share of one core (1 = one core busy). */
  gauntlet_cpu: { type: 'gauge', contains: 'default' },
};

/** The aggregations a threshold may use on each metric type (k6's table). */
export const AGGREGATIONS: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p(N)'],
};
