// The child process `verifyPacts` forks: the Pact core writes its report to this process's
// stdout from native code, which the parent captures instead of its own terminal receiving it.
import { isGauntletError } from '../../errors.js';
import type { MessageProviders, ProviderStates } from '../../verify/pact/types.js';
import { runPactCore } from './run-pact-core.js';
import type { FromWorker, ToWorker, WorkerRunOptions } from './worker-protocol.js';

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 0;

function send(message: FromWorker): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Runs a handler that lives in the parent process (given in code, not in the states module). */
function callParent(
  kind: 'setup' | 'teardown' | 'message',
  name: string,
  params: Record<string, unknown>,
): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    void send({ type: 'call', id, kind, name, params });
  });
}

function proxies(options: WorkerRunOptions): {
  states: ProviderStates;
  messages: MessageProviders;
} {
  const states: ProviderStates = {};
  for (const s of options.codeStates) {
    states[s.name] = {
      ...(s.setup ? { setup: (p) => callParent('setup', s.name, p) } : {}),
      ...(s.teardown ? { teardown: (p) => callParent('teardown', s.name, p) } : {}),
    };
  }
  const messages: MessageProviders = {};
  for (const m of options.codeMessages) {
    const build = (p: Record<string, unknown>) => callParent('message', m.description, p);
    messages[m.description] = m.metadata ? { build, metadata: m.metadata } : build;
  }
  return { states, messages };
}

async function run(options: WorkerRunOptions): Promise<void> {
  const { codeStates, codeMessages, ...rest } = options;
  const { states, messages } = proxies(options);
  try {
    const result = await runPactCore(
      {
        ...rest,
        ...(codeStates.length > 0 ? { states } : {}),
        ...(codeMessages.length > 0 ? { messages } : {}),
      },
      options.cwd,
    );
    await send({ type: 'done', ...result });
  } catch (error) {
    await send(
      isGauntletError(error)
        ? {
            type: 'failed',
            code: error.code,
            message: error.message,
            ...(error.hint !== undefined ? { hint: error.hint } : {}),
          }
        : {
            type: 'failed',
            code: 'GAUNTLET_E_PACT_VERIFIER',
            message: `Failed to verify ${options.provider}: because the verify worker threw: ${error instanceof Error ? error.message : String(error)}.`,
          },
    );
  }
  // The core's proxy and the provider may hold handles open; the parent has all it needs.
  process.exit(0);
}

if (process.send) {
  process.on('message', (message: ToWorker) => {
    if (message.type === 'run') void run(message.options);
    else if (message.type === 'reply') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.value);
    }
  });
  // The parent went away (killed, crashed): do not outlive it.
  process.on('disconnect', () => process.exit(1));
}
