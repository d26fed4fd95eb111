/**
 * The vocabulary of a load suite, in k6's words: scenarios with executors, thresholds in k6's
 * grammar, checks, groups, tags. A suite file (`perf/*.load.ts`) default-exports
 * `defineLoad({...})`; `gauntlet load` runs it with the built-in engine and `gauntlet generate k6`
 * writes the same suite as a k6 script.
 */

/** k6 tags: string key/value pairs attached to samples (`name`, `method`, `status`, custom ones). */
export type Tags = Record<string, string>;

/** A k6 duration: `'30s'`, `'1m30s'`, `'500ms'` (a bare number is seconds). */
export type Duration = string | number;

/** One stage of a ramping executor: move linearly to `target` over `duration`. */
export interface Stage {
  duration: Duration;
  target: number;
}

/** Options every executor shares (k6's common scenario options). */
export interface CommonScenario {
  /** When the scenario starts, from the start of the run (default 0). */
  startTime?: Duration;
  /** How long running iterations may finish after the scenario's end before they are interrupted (default 30s). */
  gracefulStop?: Duration;
  /** Tags added to every sample of the scenario. */
  tags?: Tags;
  /** The iteration to run: a key of the suite's `exec` functions (default: `default`, else the scenario's `requests`). */
  exec?: string;
  /** Declarative iteration: requests sent in order, e.g. `'GET /orders/{id}'` (built from the contract) or a plain request. */
  requests?: RequestSpec[];
}

/** Open model: iterations start at `rate` per `timeUnit` whatever the server does. */
export interface ConstantArrivalRate extends CommonScenario {
  executor: 'constant-arrival-rate';
  rate: number;
  timeUnit?: Duration;
  duration: Duration;
  preAllocatedVUs: number;
  maxVUs?: number;
}

/** Open model with a rate that moves through `stages`. */
export interface RampingArrivalRate extends CommonScenario {
  executor: 'ramping-arrival-rate';
  startRate?: number;
  timeUnit?: Duration;
  stages: Stage[];
  preAllocatedVUs: number;
  maxVUs?: number;
}

/** Closed model: `vus` loops for `duration`. */
export interface ConstantVus extends CommonScenario {
  executor: 'constant-vus';
  vus?: number;
  duration: Duration;
}

/** Closed model: the number of looping VUs moves through `stages`. */
export interface RampingVus extends CommonScenario {
  executor: 'ramping-vus';
  startVUs?: number;
  stages: Stage[];
  gracefulRampDown?: Duration;
}

/** Closed model: each of `vus` runs `iterations` iterations. */
export interface PerVuIterations extends CommonScenario {
  executor: 'per-vu-iterations';
  vus?: number;
  iterations?: number;
  maxDuration?: Duration;
}

/** Closed model: `vus` share `iterations` iterations between them. */
export interface SharedIterations extends CommonScenario {
  executor: 'shared-iterations';
  vus?: number;
  iterations?: number;
  maxDuration?: Duration;
}

export type Scenario =
  | ConstantArrivalRate
  | RampingArrivalRate
  | ConstantVus
  | RampingVus
  | PerVuIterations
  | SharedIterations;

export type ExecutorName = Scenario['executor'];

export const EXECUTORS: readonly ExecutorName[] = [
  'constant-arrival-rate',
  'ramping-arrival-rate',
  'constant-vus',
  'ramping-vus',
  'per-vu-iterations',
  'shared-iterations',
];

/** A threshold as k6 writes it: the expression, or the object form with `abortOnFail`. */
export type ThresholdSpec =
  | string
  | { threshold: string; abortOnFail?: boolean; delayAbortEval?: Duration };

/** A request of a declarative iteration. */
export type RequestSpec =
  /** `'GET /orders/{id}'`: an operation of the suite's service contract, built from its examples and checked against its schema. */
  string | PlainRequest;

export interface PlainRequest {
  method?: string;
  /** Path (and query) on the target, or an absolute http(s) URL. */
  path: string;
  headers?: Record<string, string>;
  /** A string body, or a value sent as JSON. */
  body?: unknown;
  /** The `name` tag (k6's URL grouping); default: the path. */
  name?: string;
  /** Expected status (default: any 2xx/3xx), recorded as a check. */
  status?: number;
  tags?: Tags;
}

/** The types of custom metrics a suite may declare. */
export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/**
 * k6's `Response.timings`, in ms. They add up to `duration`, which here runs from the request's
 * **intended** start (coordinated-omission correct; k6's own `duration` starts at `sending`):
 * `blocked` (the generator's lag and the wait for a free connection) + `connecting` +
 * `tls_handshaking` (a fresh socket's, on its first request) + `sending` + `waiting` (to the
 * first byte of the answer) + `receiving`.
 */
export interface ResponseTimings {
  duration: number;
  blocked: number;
  connecting: number;
  tls_handshaking: number;
  sending: number;
  waiting: number;
  receiving: number;
}

/** What an HTTP call returns to an iteration (k6's Response, reduced). */
export interface LoadResponse {
  status: number;
  /** The body as text (`''` when none or on a transport error). */
  body: string;
  headers: Record<string, string>;
  /** A transport error (refused, reset, timeout), or `''`. */
  error: string;
  timings: ResponseTimings;
  /** The body parsed as JSON (throws on invalid JSON, as k6's does). */
  json(): unknown;
}

export interface RequestParams {
  headers?: Record<string, string>;
  tags?: Tags;
  /** Give up after this long (default 60s, as k6); the request counts as failed. */
  timeout?: Duration;
}

/** The HTTP API of an iteration, shaped like k6's `k6/http` (async here; `await` works in k6 too). */
export interface LoadHttp {
  request(
    method: string,
    path: string,
    body?: unknown,
    params?: RequestParams,
  ): Promise<LoadResponse>;
  get(path: string, params?: RequestParams): Promise<LoadResponse>;
  post(path: string, body?: unknown, params?: RequestParams): Promise<LoadResponse>;
  put(path: string, body?: unknown, params?: RequestParams): Promise<LoadResponse>;
  patch(path: string, body?: unknown, params?: RequestParams): Promise<LoadResponse>;
  del(path: string, body?: unknown, params?: RequestParams): Promise<LoadResponse>;
}

/** What an iteration function receives: k6's API (http, check, group, sleep) plus where it runs. */
export interface IterationContext<Data = unknown> {
  http: LoadHttp;
  /** k6's check: each predicate counts a pass or a fail in `checks`; true when all passed. */
  check<T>(value: T, checks: Record<string, (value: T) => boolean>, tags?: Tags): boolean;
  /** k6's group: samples inside get the `group` tag `::name`. */
  group<T>(name: string, fn: () => Promise<T> | T): Promise<T>;
  sleep(seconds: number): Promise<void>;
  /** Adds a sample to a custom metric declared in the suite's `metrics`. */
  add(metric: string, value: number, tags?: Tags): void;
  /** What `setup` returned. */
  data: Data;
  /** 1-based VU number in the run, and the iteration number of this VU (0-based), as k6's exec module. */
  vu: number;
  iteration: number;
  scenario: string;
}

export type IterationFunction<Data = unknown> = (
  ctx: IterationContext<Data>,
) => Promise<void> | void;

/** A load suite: `export default defineLoad({...})` in `perf/NAME.load.ts`. */
export interface LoadSuite<Data = unknown> {
  /** Shown in reports; default: the file name. */
  name?: string;
  /**
   * The service of gauntlet.config.ts the suite targets: its URL when Gauntlet starts the
   * system, its contracts for `'GET /path'` requests.
   */
  service?: string;
  /**
   * `system` (default): every service for real; `mocked`: only `service`, its dependencies
   * served by Gauntlet mocks of their contracts (load-test one service alone).
   */
  dependencies?: 'system' | 'mocked';
  scenarios: Record<string, Scenario>;
  /** k6 thresholds: metric (with an optional `{tag:value}` filter) → expressions. */
  thresholds?: Record<string, ThresholdSpec[]>;
  /** Custom metrics (name → type) the iteration may `add` to. */
  metrics?: Record<string, MetricType>;
  /** Runs once before the scenarios; what it returns is every iteration's `data`. */
  setup?: (ctx: { http: LoadHttp }) => Promise<Data> | Data;
  /** Iteration functions by name; `default` is used when a scenario names no `exec` and has no `requests`. */
  exec?: Record<string, IterationFunction<Data>>;
  /** Headers sent with every request (default: the service's `requestHeaders` from the config). */
  headers?: Record<string, string>;
  /**
   * Extra environment for the services Gauntlet starts for the suite, e.g. a rate limit raised
   * for a throughput test (ignored with `--target`).
   */
  env?: Record<string, string>;
}
