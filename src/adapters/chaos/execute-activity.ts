import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { Activity, HttpProvider, ProcessProvider } from '../../chaos/experiment.js';
import type { Phase, RequestSample, TimelineMark } from '../../chaos/journal.js';
import { GauntletError } from '../../errors.js';
import type { ToxicStream, ToxiproxyClient } from '../toxiproxy/client.js';
import { GAUNTLET_PROBES, type ProbeContext } from './gauntlet-probes.js';
import { innermost } from './probe-request.js';

export interface ExecutorOptions {
  toxiproxy: ToxiproxyClient;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Services replaced by Gauntlet mocks: name → URL. */
  mocks: Readonly<Record<string, string>>;
  /** The experiment's resolved configuration; create_proxy adds `<name>_PORT` to it, as the driver does. */
  configuration: Record<string, unknown>;
  /** Epoch ms the experiment started (timeline offsets). */
  startedAt: number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  importModule(file: string): Promise<Record<string, unknown>>;
}

/** What an executor remembers for the journal and the final reset. */
export interface Executor {
  execute(activity: Activity, phase: Phase, signal: AbortSignal): Promise<unknown>;
  timeline: TimelineMark[];
  requests: RequestSample[];
  /** `proxy/toxic` of every toxic this run added and did not remove itself. */
  activeToxics: Set<string>;
  /** Proxies this run disabled and did not enable again. */
  disabledProxies: Set<string>;
}

type Args = Record<string, unknown>;

async function runHttp(provider: HttpProvider, signal: AbortSignal): Promise<unknown> {
  const timeout = Array.isArray(provider.timeout)
    ? Math.max(...provider.timeout)
    : (provider.timeout ?? 30);
  const headers: Record<string, string> = { ...(provider.headers ?? {}) };
  let body: string | undefined;
  const args = provider.arguments;
  if (args !== undefined && args !== null) {
    const type = Object.entries(headers).find(([h]) => h.toLowerCase() === 'content-type')?.[1];
    if (typeof args === 'string') body = args;
    else if (type?.includes('application/x-www-form-urlencoded')) {
      body = new URLSearchParams(args as Record<string, string>).toString();
    } else {
      body = JSON.stringify(args);
      if (type === undefined) headers['content-type'] = 'application/json';
    }
  }
  let response: Response;
  try {
    response = await fetch(provider.url, {
      method: (provider.method ?? 'GET').toUpperCase(),
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeout * 1000)]),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new Error(`${provider.url} did not answer within ${timeout} s`);
    }
    throw new Error(`${provider.url}: ${innermost(error)}`);
  }
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Keep the text, as Chaos Toolkit does.
    }
  }
  if (provider.expected_status !== undefined && response.status !== provider.expected_status) {
    throw new Error(
      `${provider.url} answered ${response.status}, expected ${provider.expected_status}`,
    );
  }
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    responseHeaders[key] = value;
  });
  return {
    status: response.status,
    headers: responseHeaders,
    body: parsed,
  };
}

function processArgs(args: ProcessProvider['arguments']): string[] {
  if (args === undefined) return [];
  if (typeof args === 'string') return args.split(/\s+/).filter((a) => a !== '');
  if (Array.isArray(args)) return args.map(String);
  return Object.entries(args).flatMap(([k, v]) => (v === '' ? [k] : [k, String(v)]));
}

function runProcess(
  provider: ProcessProvider,
  cwd: string,
  env: Record<string, string | undefined>,
  signal: AbortSignal,
): Promise<unknown> {
  return new Promise((done, fail) => {
    execFile(
      provider.path.startsWith('.') ? resolve(cwd, provider.path) : provider.path,
      processArgs(provider.arguments),
      {
        cwd,
        env,
        signal,
        timeout: (provider.timeout ?? 30) * 1000,
        maxBuffer: 4 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          fail(new Error(`${provider.path} could not run: ${error.message}`));
          return;
        }
        done({ status: error ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/**
 * The executor of one experiment run: http and process providers as Chaos Toolkit runs them,
 * the chaostoolkit-toxiproxy functions on the real Toxiproxy API (through a client with
 * timeouts), and Gauntlet's probes. It records toxics and proxy changes on the timeline and
 * remembers what it added, so the final reset can say what the rollbacks left behind.
 *
 * @example
 * const executor = createExecutor({ toxiproxy, cwd, env, mocks: {}, configuration, startedAt: Date.now(), sleep });
 * await runExperiment(experiment, { ...io, execute: executor.execute }, options);
 */
export function createExecutor(options: ExecutorOptions): Executor {
  const { toxiproxy } = options;
  const timeline: TimelineMark[] = [];
  const requests: RequestSample[] = [];
  const activeToxics = new Set<string>();
  const disabledProxies = new Set<string>();
  const mark = (entry: Omit<TimelineMark, 'at'>) =>
    timeline.push({ at: Date.now() - options.startedAt, ...entry });

  const addToxic = async (args: Args, type: string, attributes: Args, stream?: unknown) => {
    const proxy = String(args.for_proxy);
    const name = String(args.toxic_name);
    const toxic = await toxiproxy.addToxic(proxy, {
      name,
      type,
      stream: (stream ?? 'downstream') as ToxicStream,
      toxicity: args.toxicity === undefined ? 1 : Number(args.toxicity),
      attributes: Object.fromEntries(
        Object.entries(attributes).map(([k, v]) => [k, typeof v === 'string' ? Number(v) : v]),
      ),
    });
    activeToxics.add(`${proxy}/${name}`);
    const shown = Object.entries(toxic.attributes)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    mark({
      kind: 'add',
      proxy,
      toxic: name,
      label: `+ ${type} '${name}' on ${proxy} (${shown}${toxic.toxicity < 1 ? `, toxicity ${toxic.toxicity}` : ''})`,
    });
    return toxic.name === name;
  };

  const setEnabled = async (proxy: string, enabled: boolean) => {
    const updated = await toxiproxy.updateProxy(proxy, { enabled });
    if (enabled) disabledProxies.delete(proxy);
    else disabledProxies.add(proxy);
    mark({
      kind: enabled ? 'enable' : 'disable',
      proxy,
      label: `${proxy} ${enabled ? 'enabled' : 'disabled'}`,
    });
    options.configuration[`${proxy}_PORT`] = updated.listen.split(':').pop();
    return true;
  };

  const python: Record<string, (args: Args) => Promise<unknown>> = {
    create_proxy: async (args) => {
      const host = String(args.listen_host ?? '127.0.0.1');
      const proxy = await toxiproxy.createProxy({
        name: String(args.proxy_name),
        listen: `${host}:${String(args.listen_port ?? 0)}`,
        upstream: `${String(args.upstream_host)}:${String(args.upstream_port)}`,
        enabled: args.enabled === undefined ? true : Boolean(args.enabled),
      });
      options.configuration[`${proxy.name}_PORT`] = proxy.listen.split(':').pop();
      mark({ kind: 'enable', proxy: proxy.name, label: `proxy ${proxy.name} created` });
      return true;
    },
    modify_proxy: async (args) => {
      const change: { listen?: string; upstream?: string; enabled?: boolean } = {};
      if (typeof args.listen_address === 'string') change.listen = args.listen_address;
      if (typeof args.upstream_address === 'string') change.upstream = args.upstream_address;
      if (args.enabled !== undefined) change.enabled = Boolean(args.enabled);
      const updated = await toxiproxy.updateProxy(String(args.proxy_name), change);
      options.configuration[`${updated.name}_PORT`] = updated.listen.split(':').pop();
      return true;
    },
    disable_proxy: (args) => setEnabled(String(args.proxy_name), false),
    enable_proxy: (args) => setEnabled(String(args.proxy_name), true),
    delete_proxy: async (args) => {
      await toxiproxy.deleteProxy(String(args.proxy_name));
      return undefined;
    },
    reset: async () => {
      await toxiproxy.reset();
      activeToxics.clear();
      disabledProxies.clear();
      mark({ kind: 'reset', label: 'reset: every toxic removed' });
      return true;
    },
    proxy_exist: async (args) => {
      const proxies = await toxiproxy.proxies();
      return String(args.proxy_name) in proxies;
    },
    get_proxy_attribute: async (args) => {
      const proxies = await toxiproxy.proxies();
      const proxy = proxies[String(args.proxy_name)] as unknown as Args | undefined;
      return proxy?.[String(args.attribute)] ?? null;
    },
    create_toxic: (args) =>
      addToxic(args, String(args.toxic_type), (args.attributes as Args) ?? {}, args.stream),
    create_latency_toxic: (args) =>
      addToxic(args, 'latency', { latency: args.latency, jitter: args.jitter ?? 0 }),
    create_bandwith_degradation_toxic: (args) => addToxic(args, 'bandwidth', { rate: args.rate }),
    create_slow_connection_close_toxic: (args) =>
      addToxic(args, 'slow_close', { delay: args.delay }),
    create_timeout_toxic: (args) => addToxic(args, 'timeout', { timeout: args.timeout }),
    create_slicer_toxic: (args) =>
      addToxic(args, 'slicer', {
        average_size: args.average_size,
        size_variation: args.size_variation,
        delay: args.delay,
      }),
    create_limiter_toxic: (args) => addToxic(args, 'limit_data', { bytes: args.bytes_limit }),
    delete_toxic: async (args) => {
      const proxy = String(args.for_proxy);
      const name = String(args.toxic_name);
      await toxiproxy.removeToxic(proxy, name);
      activeToxics.delete(`${proxy}/${name}`);
      mark({ kind: 'remove', proxy, toxic: name, label: `- '${name}' removed from ${proxy}` });
      return true;
    },
  };

  const execute = async (activity: Activity, _phase: Phase, signal: AbortSignal) => {
    const provider = activity.provider;
    switch (provider.type) {
      case 'http': {
        // Plotted with the Gauntlet probes' requests on the timeline's latency chart.
        const begin = Date.now();
        const start = performance.now();
        const sample = (status: number | 'error') =>
          requests.push({
            at: begin - options.startedAt,
            ms: Math.round((performance.now() - start) * 10) / 10,
            status,
            probe: activity.name,
          });
        try {
          const output = (await runHttp(provider, signal)) as { status: number };
          sample(output.status);
          return output;
        } catch (error) {
          sample('error');
          throw error;
        }
      }
      case 'process':
        return runProcess(provider, options.cwd, options.env, signal);
      case 'python': {
        const fn = python[provider.func];
        if (!fn) {
          throw new GauntletError(
            'GAUNTLET_E_CHAOS_EXPERIMENT',
            `Failed to run ${provider.module}.${provider.func}: because Gauntlet does not know it.`,
          );
        }
        return fn(provider.arguments ?? {});
      }
      case 'gauntlet': {
        const fn = GAUNTLET_PROBES[provider.func];
        if (!fn) {
          throw new GauntletError(
            'GAUNTLET_E_CHAOS_EXPERIMENT',
            `Failed to run gauntlet.${provider.func}: because Gauntlet has no such probe.`,
          );
        }
        const ctx: ProbeContext = {
          cwd: options.cwd,
          mocks: options.mocks,
          signal,
          sleep: options.sleep,
          importModule: options.importModule,
          sink: (sample) =>
            requests.push({
              at: sample.startedAt - options.startedAt,
              ms: Math.round(sample.ms * 10) / 10,
              status: sample.status,
              probe: sample.probe,
            }),
        };
        return fn(provider.arguments ?? {}, ctx, activity.name);
      }
    }
  };
  return { execute, timeline, requests, activeToxics, disabledProxies };
}
