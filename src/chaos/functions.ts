/**
 * The python functions and Gauntlet functions an experiment may name, with their arguments: the
 * parser checks every activity against this table (an unknown function or a missing argument is
 * an error with file:line before anything runs), and the executor maps them onto the real
 * Toxiproxy API or Gauntlet's probes.
 */

export type ArgumentType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'any';

export interface FunctionSpec {
  /** Probe or action, as Chaos Toolkit's driver declares it. */
  kind: 'probe' | 'action';
  required: Record<string, ArgumentType>;
  optional?: Record<string, ArgumentType>;
  /** The argument that names an existing proxy (checked against the topology). */
  proxyArgument?: string;
  /** One line for the docs and error hints. */
  summary: string;
}

const toxic = (
  extra: Record<string, ArgumentType>,
  summary: string,
  optional: Record<string, ArgumentType> = {},
): FunctionSpec => ({
  kind: 'action',
  required: { for_proxy: 'string', toxic_name: 'string', ...extra },
  optional,
  proxyArgument: 'for_proxy',
  summary,
});

/**
 * chaostoolkit-toxiproxy 0.3.1's functions (module → function → spec): an experiment written for
 * Chaos Toolkit with that driver runs in Gauntlet unchanged.
 */
export const CHAOSTOXI_FUNCTIONS: Readonly<Record<string, Readonly<Record<string, FunctionSpec>>>> =
  {
    'chaostoxi.proxy.actions': {
      create_proxy: {
        kind: 'action',
        required: { proxy_name: 'string', upstream_host: 'string', upstream_port: 'any' },
        optional: { listen_host: 'string', listen_port: 'any', enabled: 'boolean' },
        summary: 'Create a proxy (sets configuration <proxy_name>_PORT to its listen port).',
      },
      modify_proxy: {
        kind: 'action',
        required: { proxy_name: 'string' },
        optional: { listen_address: 'string', upstream_address: 'string', enabled: 'boolean' },
        proxyArgument: 'proxy_name',
        summary: "Change a proxy's listen or upstream address, or enable/disable it.",
      },
      disable_proxy: {
        kind: 'action',
        required: { proxy_name: 'string' },
        proxyArgument: 'proxy_name',
        summary: 'Disable a proxy: its dependency looks down (connections refused).',
      },
      enable_proxy: {
        kind: 'action',
        required: { proxy_name: 'string' },
        proxyArgument: 'proxy_name',
        summary: 'Enable a disabled proxy again.',
      },
      delete_proxy: {
        kind: 'action',
        required: { proxy_name: 'string' },
        proxyArgument: 'proxy_name',
        summary: 'Delete a proxy.',
      },
      reset: {
        kind: 'action',
        required: {},
        summary: 'Enable every proxy and remove every toxic.',
      },
    },
    'chaostoxi.proxy.probes': {
      proxy_exist: {
        kind: 'probe',
        required: { proxy_name: 'string' },
        summary: 'True when the proxy exists.',
      },
      get_proxy_attribute: {
        kind: 'probe',
        required: { proxy_name: 'string', attribute: 'string' },
        proxyArgument: 'proxy_name',
        summary: "One attribute of a proxy (e.g. 'enabled').",
      },
    },
    'chaostoxi.toxic.actions': {
      create_toxic: {
        kind: 'action',
        required: { for_proxy: 'string', toxic_name: 'string', toxic_type: 'string' },
        optional: { stream: 'string', toxicity: 'number', attributes: 'object' },
        proxyArgument: 'for_proxy',
        summary: 'Any toxic with its attributes.',
      },
      create_latency_toxic: toxic({ latency: 'number' }, 'Delay every byte downstream (ms).', {
        jitter: 'number',
      }),
      create_bandwith_degradation_toxic: toxic({ rate: 'number' }, 'Limit bandwidth (KB/s).'),
      create_slow_connection_close_toxic: toxic({ delay: 'number' }, 'Delay closing (ms).'),
      create_timeout_toxic: toxic(
        { timeout: 'number' },
        'Stop all data; close after timeout ms (0: never).',
      ),
      create_slicer_toxic: toxic(
        { average_size: 'number', size_variation: 'number', delay: 'number' },
        'Slice data into small packets.',
      ),
      create_limiter_toxic: toxic(
        { bytes_limit: 'number' },
        'Close the connection after this many bytes.',
      ),
      delete_toxic: {
        kind: 'action',
        required: { for_proxy: 'string', toxic_name: 'string' },
        proxyArgument: 'for_proxy',
        summary: 'Remove a toxic.',
      },
    },
  };

const request: Record<string, ArgumentType> = {
  method: 'string',
  headers: 'object',
  body: 'any',
  timeout_ms: 'number',
};

/**
 * Gauntlet's own probes (provider `type: gauntlet`). Each measures something an SRE asserts on
 * (see src/adapters/chaos/gauntlet-probes.ts); the resilience probes return `{ held, ... }` and a
 * boolean tolerance is compared with `held`.
 */
export const GAUNTLET_FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  journal: {
    kind: 'probe',
    required: { url: 'string', mock: 'string' },
    optional: { ...request, requests: 'number', calls_method: 'string', calls_path: 'string' },
    summary:
      'Sends `requests` requests to url and counts the calls a Gauntlet mock of a dependency journaled meanwhile: { requests, calls, per_request }.',
  },
  latency: {
    kind: 'probe',
    required: { url: 'string' },
    optional: { ...request, requests: 'number', concurrency: 'number', percentile: 'number' },
    summary: 'A short burst of requests; the output is the percentile latency in ms.',
  },
  module: {
    kind: 'probe',
    required: { path: 'string' },
    optional: { export: 'string', arguments: 'any' },
    summary: 'Calls a TypeScript/JavaScript function (path relative to the config folder).',
  },
  timeout_budget: {
    kind: 'probe',
    required: { url: 'string', budget_ms: 'number' },
    optional: { ...request, slack_ms: 'number', statuses: 'array', requests: 'number' },
    summary:
      'Every one of `requests` (default 1) answers comes within budget + slack with one of `statuses` (default 2xx-4xx, 503, 504): { held, status, elapsed_ms }.',
  },
  retries_bounded: {
    kind: 'probe',
    required: { url: 'string', mock: 'string', max_calls_per_request: 'number' },
    optional: { ...request, requests: 'number', calls_method: 'string', calls_path: 'string' },
    summary: 'Upstream calls per request (from the mock journal) stay within the bound.',
  },
  breaker_opens: {
    kind: 'probe',
    required: { url: 'string', failures: 'number' },
    optional: { ...request, extra: 'number', fast_ms: 'number', statuses: 'array', mock: 'string' },
    summary:
      'The first `failures` calls fail (a 5xx or no answer), then `extra` more answer fast (fast_ms) with a 5xx, and a mocked dependency sees no call while the breaker is open.',
  },
  recovery_time: {
    kind: 'probe',
    required: { url: 'string', within_ms: 'number' },
    optional: { ...request, statuses: 'array', interval_ms: 'number' },
    summary:
      'Polls until the answer has one of `statuses` (default 2xx-4xx): recovery (breaker half-open then closed) within within_ms.',
  },
  fallback_schema: {
    kind: 'probe',
    required: { url: 'string', schema: 'object' },
    optional: { ...request, statuses: 'array' },
    summary: 'The body of the (fallback) answer matches a JSON Schema.',
  },
};

/** The spec of a python function, or undefined when Gauntlet does not know it. */
export function chaostoxiFunction(module: string, func: string): FunctionSpec | undefined {
  return CHAOSTOXI_FUNCTIONS[module]?.[func];
}
