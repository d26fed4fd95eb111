import { fork } from 'node:child_process';
import type { IncomingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VerifierOptions } from '@pact-foundation/pact';
import { GauntletError } from '../../errors.js';
import type { Diagnostic, Service } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { parseVerifierResult } from '../../verify/pact/parse-verifier-result.js';
import { findMissingStates, mergeStateParams } from '../../verify/pact/states.js';
import type {
  InteractionResult,
  MessageProviders,
  ProviderStates,
  ProviderStatesModule,
  StateFunction,
  VerificationReport,
} from '../../verify/pact/types.js';
import { loadPaths } from '../fs/load-paths.js';
import type { PactCoreRun } from './run-pact-core.js';
import type { FromWorker, ToWorker, WorkerRunOptions } from './worker-protocol.js';

/** A Pact Broker (or PactFlow) to fetch pacts from and publish results to. */
export interface BrokerOptions {
  url: string;
  token?: string;
  username?: string;
  password?: string;
  /** Consumer version selectors, as the broker documents them (`{mainBranch: true}`, `{deployedOrReleased: true}`). */
  consumerVersionSelectors?: Array<Record<string, unknown>>;
  /** Treat pacts the provider has never verified as pending (their failures do not fail the run). */
  enablePending?: boolean;
  /** Also verify work-in-progress pacts published since this date (`2024-01-01`). */
  includeWipPactsSince?: string;
  /** The provider's branch (for pending and WIP calculations and for the published results). */
  providerBranch?: string;
}

export interface VerifyPactsOptions {
  /** The provider's name, as the pacts call it. */
  provider: string;
  /** Where the provider listens. Optional when the states module exports `startProvider`, or for message pacts only. */
  baseUrl?: string;
  /** Pact files, folders of pact files, or pact URLs. */
  pacts?: string[];
  broker?: BrokerOptions;
  /** A provider-states module (TypeScript or JavaScript), loaded through tsx. */
  statesModule?: string;
  /** Handlers given in code; they win over the module's for the same state. */
  states?: ProviderStates;
  messages?: MessageProviders;
  /** Headers added to every request sent to the provider (e.g. `{Authorization: 'Bearer x'}`). */
  headers?: Record<string, string>;
  /** Publish the results to the broker as this provider version. */
  publish?: { providerVersion: string; buildUrl?: string };
  /** Per-request timeout in milliseconds (default 30000). */
  timeoutMs?: number;
  /** Whole-run timeout in milliseconds (default 600000); the worker process is killed after it. */
  runTimeoutMs?: number;
  /** pact-js and core log level (default `error`). */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  cwd?: string;
  /** Called once per interaction, in order, as results are known. */
  onInteraction?: (result: InteractionResult, index: number, total: number) => void;
}

type PactStateHandlers = NonNullable<VerifierOptions['stateHandlers']>;
type PactMessageProviders = NonNullable<VerifierOptions['messageProviders']>;

function wrapState(fn: StateFunction | undefined) {
  if (fn === undefined) return undefined;
  return async (params?: unknown) => {
    const result = await fn(isRecord(params) ? params : {});
    // Values returned feed the pact's ProviderState generators; anything else means "nothing".
    return isRecord(result) ? (result as Record<string, never>) : undefined;
  };
}

function toStateHandlers(states: ProviderStates): PactStateHandlers {
  const out: PactStateHandlers = {};
  for (const [name, handler] of Object.entries(states)) {
    const setup = wrapState(typeof handler === 'function' ? handler : handler.setup);
    const teardown = typeof handler === 'function' ? undefined : wrapState(handler.teardown);
    // pact-js types `stateHandlers` as the intersection of its HTTP ({setup, teardown}) and its
    // older message-state signatures; the HTTP verifier's proxy reads only {setup, teardown}.
    out[name] = {
      ...(setup ? { setup } : {}),
      ...(teardown ? { teardown } : {}),
    } as unknown as PactStateHandlers[string];
  }
  return out;
}

async function toMessageProviders(messages: MessageProviders): Promise<PactMessageProviders> {
  const { providerWithMetadata } = await import('@pact-foundation/pact');
  const out: PactMessageProviders = {};
  for (const [description, provider] of Object.entries(messages)) {
    const build = typeof provider === 'function' ? provider : provider.build;
    const metadata = typeof provider === 'function' ? undefined : provider.metadata;
    const handler: PactMessageProviders[string] = async (descriptor) => {
      const params = mergeStateParams(
        (descriptor.providerStates ?? []).map((s) => ({
          name: s.name,
          params: isRecord(s.params) ? s.params : {},
        })),
      );
      return (await build(params)) as Awaited<ReturnType<PactMessageProviders[string]>>;
    };
    out[description] = metadata ? providerWithMetadata(handler, metadata) : handler;
  }
  return out;
}

/** The express-style filter pact-js runs on every proxied request: adds the given headers. */
function headerFilter(headers: Record<string, string>) {
  const lower = Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v] as const);
  return (req: { headers: IncomingHttpHeaders }, _res: unknown, next: () => void): void => {
    for (const [name, value] of lower) req.headers[name] = value;
    next();
  };
}

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * Builds the pact-js `Verifier` options from ours (exported so the mapping is testable without
 * running the core).
 */
export async function toVerifierOptions(
  options: VerifyPactsOptions,
  module: ProviderStatesModule,
  baseUrl: string | undefined,
): Promise<VerifierOptions> {
  const cwd = options.cwd ?? process.cwd();
  const states = { ...(module.states ?? {}), ...(options.states ?? {}) };
  const messages = { ...(module.messages ?? {}), ...(options.messages ?? {}) };
  const config: VerifierOptions = {
    provider: options.provider,
    logLevel: options.logLevel ?? 'error',
    stateHandlers: toStateHandlers(states),
    // The core fails a run that finds no pact; we report that as a diagnostic instead.
    failIfNoPactsFound: false,
  };
  if (baseUrl !== undefined) config.providerBaseUrl = baseUrl;
  if (options.pacts && options.pacts.length > 0) {
    config.pactUrls = options.pacts.map((p) => (isUrl(p) ? p : resolve(cwd, p)));
  }
  if (Object.keys(messages).length > 0)
    config.messageProviders = await toMessageProviders(messages);
  if (options.headers && Object.keys(options.headers).length > 0) {
    config.requestFilter = headerFilter(options.headers) as VerifierOptions['requestFilter'];
  }
  if (module.beforeEach) {
    const hook = module.beforeEach;
    config.beforeEach = async () => hook();
  }
  if (module.afterEach) {
    const hook = module.afterEach;
    config.afterEach = async () => hook();
  }
  if (options.timeoutMs !== undefined) config.timeout = options.timeoutMs;
  const broker = options.broker;
  if (broker) {
    config.pactBrokerUrl = broker.url;
    if (broker.token !== undefined) config.pactBrokerToken = broker.token;
    if (broker.username !== undefined) config.pactBrokerUsername = broker.username;
    if (broker.password !== undefined) config.pactBrokerPassword = broker.password;
    if (broker.consumerVersionSelectors) {
      config.consumerVersionSelectors =
        broker.consumerVersionSelectors as VerifierOptions['consumerVersionSelectors'];
    }
    if (broker.enablePending !== undefined) config.enablePending = broker.enablePending;
    if (broker.includeWipPactsSince !== undefined)
      config.includeWipPactsSince = broker.includeWipPactsSince;
    if (broker.providerBranch !== undefined) config.providerVersionBranch = broker.providerBranch;
  }
  if (options.publish) {
    config.publishVerificationResult = true;
    config.providerVersion = options.publish.providerVersion;
    if (options.publish.buildUrl !== undefined) config.buildUrl = options.publish.buildUrl;
  }
  return config;
}

/** The pact files' services (for consumer names and the missing-state check); URLs are skipped. */
async function loadPactServices(pacts: string[], cwd: string): Promise<Service[]> {
  const files = pacts.filter((p) => !isUrl(p));
  if (files.length === 0) return [];
  const sources = await loadPaths(files, { cwd });
  return sources.flatMap((s) => (s.service?.pact ? [s.service] : []));
}

/** The serialisable part of the options, plus the names of the handlers given in code. */
function toWorkerOptions(options: VerifyPactsOptions, cwd: string): WorkerRunOptions {
  const { states, messages, onInteraction: _, runTimeoutMs: __, ...rest } = options;
  return {
    ...rest,
    cwd,
    codeStates: Object.entries(states ?? {}).map(([name, h]) => ({
      name,
      setup: typeof h === 'function' || h.setup !== undefined,
      teardown: typeof h !== 'function' && h.teardown !== undefined,
    })),
    codeMessages: Object.entries(messages ?? {}).map(([description, m]) =>
      typeof m !== 'function' && m.metadata
        ? { description, metadata: m.metadata }
        : { description },
    ),
  };
}

/** Runs a handler given in code for the worker, which cannot hold functions. */
async function answerCall(
  options: VerifyPactsOptions,
  call: Extract<FromWorker, { type: 'call' }>,
): Promise<unknown> {
  if (call.kind === 'message') {
    const provider = options.messages?.[call.name];
    const build = typeof provider === 'function' ? provider : provider?.build;
    return build?.(call.params);
  }
  const handler = options.states?.[call.name];
  const fn =
    typeof handler === 'function'
      ? call.kind === 'setup'
        ? handler
        : undefined
      : handler?.[call.kind];
  const value = await fn?.(call.params);
  // Only plain objects feed the ProviderState generators; don't ship anything else.
  return isRecord(value) ? value : undefined;
}

/** `dist/…/verify-worker.js` when built; the `.ts` source through tsx under vitest or tsx. */
function workerEntry(): { path: string; execArgv: string[] } {
  const ts = import.meta.url.endsWith('.ts');
  return {
    path: fileURLToPath(new URL(ts ? './verify-worker.ts' : './verify-worker.js', import.meta.url)),
    execArgv: ts ? ['--import', 'tsx'] : [],
  };
}

function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

const DEFAULT_RUN_TIMEOUT_MS = 10 * 60_000;

/**
 * Forks the verify worker, feeds it the options, answers its calls for handlers given in code,
 * and collects what the core printed. The worker is killed by PID on timeout and on SIGINT.
 */
function runInWorker(
  options: VerifyPactsOptions,
  cwd: string,
): Promise<PactCoreRun & { printed: string }> {
  const entry = workerEntry();
  const child = fork(entry.path, [], {
    cwd,
    execArgv: entry.execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let printed = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    printed += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    printed += chunk;
  });
  const kill = () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    let result: PactCoreRun | undefined;
    const timeoutMs = options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    const onSigint = () => {
      kill();
      finish(
        new GauntletError(
          'GAUNTLET_E_PACT_VERIFIER',
          `Failed to verify ${options.provider}: because the run was interrupted (SIGINT).`,
        ),
      );
      // We replaced Node's default SIGINT exit; restore it if nobody else handles the signal.
      if (process.listenerCount('SIGINT') === 0) process.kill(process.pid, 'SIGINT');
    };
    const timer = setTimeout(() => {
      kill();
      finish(
        new GauntletError(
          'GAUNTLET_E_PACT_VERIFIER',
          `Failed to verify ${options.provider}: because the verification did not finish within ${timeoutMs} ms.`,
          { hint: 'Check that the provider answers, or raise runTimeoutMs.' },
        ),
      );
    }, timeoutMs);
    function finish(error: Error | undefined, value?: PactCoreRun): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.off('SIGINT', onSigint);
      if (error || value === undefined) reject(error);
      else resolvePromise({ ...value, printed });
    }
    process.on('SIGINT', onSigint);
    child.on('message', (raw: unknown) => {
      const message = raw as FromWorker;
      if (message.type === 'call') {
        const reply = (answer: ToWorker) => {
          if (settled) return;
          try {
            child.send(answer);
          } catch (error) {
            // A value structured clone cannot carry (a function, a socket): say so instead of hanging.
            child.send({
              type: 'reply',
              id: message.id,
              error: `the handler returned a value that cannot be sent to the verify worker: ${error instanceof Error ? error.message : String(error)}`,
            } satisfies ToWorker);
          }
        };
        answerCall(options, message).then(
          (value) => reply({ type: 'reply', id: message.id, value }),
          (error: unknown) =>
            reply({
              type: 'reply',
              id: message.id,
              error: error instanceof Error ? error.message : String(error),
            }),
        );
      } else if (message.type === 'failed') {
        kill();
        finish(
          new GauntletError(
            message.code,
            message.message,
            message.hint !== undefined ? { hint: message.hint } : {},
          ),
        );
      } else if (message.type === 'done') {
        const { type: _, ...run } = message;
        // Finish on 'close', once the worker's stdout is flushed into `printed`.
        result = run;
      }
    });
    child.on('error', (error) => {
      kill();
      finish(
        new GauntletError(
          'GAUNTLET_E_PACT_VERIFIER',
          `Failed to verify ${options.provider}: because the verify worker could not start: ${error.message}.`,
          { cause: error },
        ),
      );
    });
    child.on('close', (code, signal) => {
      if (result !== undefined) return finish(undefined, result);
      const last = stripAnsi(printed).trim().split('\n').slice(-5).join(' | ');
      finish(
        new GauntletError(
          'GAUNTLET_E_PACT_VERIFIER',
          `Failed to verify ${options.provider}: because the verify worker exited (${signal ?? `code ${code}`}) before reporting${last ? `: ${last}` : ''}.`,
          { hint: 'Run with logLevel debug to see what the Pact core did.' },
        ),
      );
    });
    child.send({ type: 'run', options: toWorkerOptions(options, cwd) } satisfies ToWorker);
  });
}

/**
 * Verifies pacts against a running provider with pact-js's `Verifier` (the Pact core does the
 * requests and the matching), then turns the core's JSON result into a VerificationReport.
 * Provider states and message providers come from a TypeScript module and/or from code. The core
 * runs in a child process, because it prints its own report on stdout from native code: that
 * text lands in `report.output`, not on this process's stdout.
 *
 * @example
 * const report = await verifyPacts({
 *   provider: 'inventory',
 *   baseUrl: 'http://127.0.0.1:4102',
 *   pacts: ['contracts/pacts/orders-inventory.json'],
 *   statesModule: 'examples/shop/inventory/test/provider/states.ts',
 * });
 * if (!report.passed) process.exitCode = 1;
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<VerificationReport> {
  const cwd = options.cwd ?? process.cwd();
  if ((options.pacts ?? []).length === 0 && !options.broker) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to verify ${options.provider}: because no pacts were given.`,
      { hint: 'Pass --pacts FILE|DIR, or --broker-url URL.' },
    );
  }
  const run = await runInWorker(options, cwd);
  const services = await loadPactServices(options.pacts ?? [], cwd);
  const consumers = new Map<string, string>();
  for (const service of services) {
    for (const i of [...service.interactions, ...service.messages]) {
      if (service.pact) consumers.set(i.description, service.pact.consumer);
    }
  }
  const handled: ProviderStates = Object.fromEntries(run.stateNames.map((n) => [n, () => {}]));
  const diagnostics: Diagnostic[] = findMissingStates(
    services.filter((s) => s.pact?.provider === options.provider),
    handled,
  );
  const report = parseVerifierResult(run.text, {
    provider: options.provider,
    durationMs: run.durationMs,
    consumerOf: (description) => consumers.get(description),
  });
  // The core's JSON result usually carries its printout; when it does not, keep what it printed.
  if (report.output.length === 0 && run.printed.trim() !== '') {
    report.output = stripAnsi(run.printed).replace(/\n$/, '').split('\n');
  }
  report.diagnostics.unshift(...diagnostics);
  if (report.interactions.length === 0 && !report.diagnostics.some((d) => d.severity === 'error')) {
    report.diagnostics.push({
      code: 'verify.pact.none',
      severity: 'warning',
      message: `No interaction was verified for ${options.provider}: the sources hold no pact for it. Check --provider against the pacts' provider name.`,
    });
  }
  report.interactions.forEach((r, i, all) => {
    options.onInteraction?.(r, i, all.length);
  });
  return report;
}
