/**
 * Chaos experiments in Chaos Toolkit's format (https://chaostoolkit.org/reference/api/experiment/),
 * as plain data: what `chaos/*.yaml|json` holds and what `defineExperiment` builds. Gauntlet runs
 * the same experiments as `chaos run` does, and adds one provider type of its own (`gauntlet`:
 * the journal, latency, module and resilience probes).
 */

/** A configuration value: a literal, or read from the environment (`{ type: env, key }`). */
export type ConfigurationValue =
  | string
  | number
  | boolean
  | null
  | { type: 'env'; key: string; default?: unknown; env_var_type?: string }
  | Record<string, unknown>
  | unknown[];

export type Configuration = Record<string, ConfigurationValue>;

/** Chaos Toolkit's http provider: a request whose output is `{ status, headers, body }`. */
export interface HttpProvider {
  type: 'http';
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** Request body: an object is sent as JSON (or form when content-type says so), a string as is. */
  arguments?: unknown;
  /** Seconds; a pair is [connect, read] as in Chaos Toolkit (the larger one is used). */
  timeout?: number | [number, number];
  /** Statuses that count as success for an action (Chaos Toolkit's `expected_status`). */
  expected_status?: number;
  verify_tls?: boolean;
}

/** Chaos Toolkit's process provider: output `{ status, stdout, stderr }`. */
export interface ProcessProvider {
  type: 'process';
  path: string;
  arguments?: string | string[] | Record<string, unknown>;
  /** Seconds. */
  timeout?: number;
}

/** Chaos Toolkit's python provider; Gauntlet runs the chaostoolkit-toxiproxy functions natively. */
export interface PythonProvider {
  type: 'python';
  module: string;
  func: string;
  arguments?: Record<string, unknown>;
}

/** Gauntlet's own probes and actions (see src/chaos/gauntlet-functions.ts). */
export interface GauntletProvider {
  type: 'gauntlet';
  func: string;
  arguments?: Record<string, unknown>;
}

export type Provider = HttpProvider | ProcessProvider | PythonProvider | GauntletProvider;

export type ToleranceValue =
  | boolean
  | number
  | string
  | unknown[]
  | { type: 'regex'; pattern: string; target?: string }
  | { type: 'jsonpath'; path: string; expect?: unknown; count?: number; target?: string }
  | { type: 'range'; range: [number, number]; target?: string }
  | (Activity & { type: 'probe' });

export interface Pauses {
  /** Seconds to wait before the activity. */
  before?: number;
  /** Seconds to wait after it. */
  after?: number;
}

export interface Activity {
  type: 'probe' | 'action';
  name: string;
  provider: Provider;
  /** Only for steady-state probes. */
  tolerance?: ToleranceValue;
  pauses?: Pauses;
  /** Run without waiting for it; the method waits for every background activity at its end. */
  background?: boolean;
  /** Probes and actions named in `controls`, `ref` use: accepted and ignored. */
  controls?: unknown[];
}

/** `{ ref: name }` in a method: the activity of that name declared earlier. */
export interface ActivityRef {
  ref: string;
}

export type HypothesisStrategy =
  | 'default'
  | 'before-method-only'
  | 'after-method-only'
  | 'during-method-only'
  | 'continuously';

export type RollbackStrategy = 'default' | 'always' | 'never' | 'deviated';

export interface Runtime {
  hypothesis?: {
    strategy?: HypothesisStrategy;
    /** Seconds between two runs of the hypothesis (during-method-only, continuously). */
    frequency?: number;
    /**
     * Stop the experiment (status failed) when the hypothesis misses during the method — the first
     * time, or once `fail_fast_ratio` percent of the runs so far have missed.
     */
    fail_fast?: boolean;
    /**
     * With `fail_fast`: the share of the hypothesis runs during the method, in percent (0–100),
     * that must have missed before the experiment stops; checked each time a run misses. Default 0
     * (the first miss stops it), as in chaostoolkit-lib's `Schedule(fail_fast_ratio=0)`.
     */
    fail_fast_ratio?: number;
  };
  rollbacks?: { strategy?: RollbackStrategy };
}

export interface Experiment {
  version?: string;
  title: string;
  description?: string;
  tags?: string[];
  contributions?: Record<string, string>;
  configuration?: Configuration;
  secrets?: Record<string, unknown>;
  extensions?: unknown[];
  controls?: unknown[];
  'steady-state-hypothesis'?: { title: string; probes?: Activity[] };
  method: Array<Activity | ActivityRef>;
  rollbacks?: Array<Activity | ActivityRef>;
  runtime?: Runtime;
}

export const HYPOTHESIS_STRATEGIES: readonly HypothesisStrategy[] = [
  'default',
  'before-method-only',
  'after-method-only',
  'during-method-only',
  'continuously',
];

export const ROLLBACK_STRATEGIES: readonly RollbackStrategy[] = [
  'default',
  'always',
  'never',
  'deviated',
];

/**
 * Identity helper that types an experiment written in TypeScript (`chaos/*.ts` default export).
 *
 * @example
 * export default defineExperiment({
 *   title: 'orders answers when inventory is slow',
 *   'steady-state-hypothesis': { title: 'orders answers', probes: [{ type: 'probe',
 *     name: 'orders-health', tolerance: 200,
 *     provider: { type: 'http', url: '${orders_url}/health', timeout: 3 } }] },
 *   method: [{ type: 'action', name: 'slow-inventory', provider: { type: 'python',
 *     module: 'chaostoxi.toxic.actions', func: 'create_latency_toxic',
 *     arguments: { for_proxy: 'orders_to_inventory', toxic_name: 'slow', latency: 3000 } } }],
 * });
 */
export function defineExperiment(experiment: Experiment): Experiment {
  return experiment;
}

/** True for `{ ref: name }` entries of a method or rollbacks list. */
export function isActivityRef(entry: Activity | ActivityRef): entry is ActivityRef {
  return 'ref' in entry && !('provider' in entry);
}
