import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GauntletError } from '../../errors.js';
import type { Diagnostic, Service } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { parseVerifierResult } from '../../verify/pact/parse-verifier-result.js';
import { findMissingStates } from '../../verify/pact/states.js';
import type { ProviderStates, VerificationReport } from '../../verify/pact/types.js';
import { loadPaths } from '../fs/load-paths.js';
import { onStopSignal, type StopSignal } from '../process/interrupt.js';
import type { PactCoreRun } from './run-pact-core.js';
import { isUrl, type VerifyPactsOptions } from './verifier-options.js';
import type { FromWorker, ToWorker, WorkerRunOptions } from './worker-protocol.js';

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

export type { BrokerOptions, VerifyPactsOptions } from './verifier-options.js';
export { toVerifierOptions } from './verifier-options.js';

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
    const onSignal = (signal: StopSignal) => {
      kill();
      finish(
        new GauntletError(
          'GAUNTLET_E_PACT_VERIFIER',
          `Failed to verify ${options.provider}: because the run was interrupted (${signal}).`,
        ),
      );
      // We replaced Node's default exit; restore it if nobody else handles the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
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
      disposeSignal();
      if (error || value === undefined) reject(error);
      else resolvePromise({ ...value, printed });
    }
    const disposeSignal = onStopSignal(onSignal);
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
