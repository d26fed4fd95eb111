/**
 * The options of a pact verification (ours) and their mapping onto pact-js `Verifier` options.
 * The parent process (verify-pacts.ts) and the worker (run-pact-core.ts) both read them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import type { VerifierOptions } from '@pact-foundation/pact';
import { isRecord } from '../../util/guards.js';
import { mergeStateParams } from '../../verify/pact/states.js';
import type {
  InteractionResult,
  MessageProviders,
  ProviderStates,
  ProviderStatesModule,
  StateFunction,
} from '../../verify/pact/types.js';

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

export function isUrl(source: string): boolean {
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
