import type { Diagnostic } from '../../model/index.js';

/** Parameters of a provider state, as the pact wrote them (`{sku: 'abc', available: 3}`). */
export type StateParams = Record<string, unknown>;

/**
 * Sets a provider state up (or tears it down), possibly async. A returned object feeds the
 * pact's `ProviderState` generators (e.g. `{id: 'o-7'}` injected into the request path); any
 * other return value is ignored.
 */
export type StateFunction = (params: StateParams) => unknown;

/** A state handler: a setup function, or both halves. */
export type StateHandler = StateFunction | { setup?: StateFunction; teardown?: StateFunction };

/** Provider state name → handler, e.g. `'SKU abc has 3 in stock': ({sku, available}) => ...`. */
export type ProviderStates = Record<string, StateHandler>;

/** Builds the message a message pact expects, from the merged params of its provider states. */
export type MessageBuilder = (params: StateParams) => unknown;

/** A message provider: a builder, or a builder with the metadata the message travels with. */
export type MessageProvider =
  | MessageBuilder
  | { build: MessageBuilder; metadata?: Record<string, string> };

/** Message description → provider, e.g. `'an OrderPlaced event': () => orderPlacedEvent(order)`. */
export type MessageProviders = Record<string, MessageProvider>;

/** A provider the states module can start itself (in-process), so no base URL is needed. */
export interface StartedProvider {
  url: string;
  close(): Promise<void>;
}

/**
 * What a provider-states module (`--states MODULE`) exports. Every export is optional:
 * `states` for HTTP and message pacts, `messages` for message pacts, `startProvider` when the
 * module can run the provider in the same process (its handlers then reach the provider's data
 * directly), `beforeEach`/`afterEach` around every interaction.
 */
export interface ProviderStatesModule {
  states?: ProviderStates;
  messages?: MessageProviders;
  startProvider?: () => Promise<StartedProvider>;
  beforeEach?: () => void | Promise<void>;
  afterEach?: () => void | Promise<void>;
}

/** One difference the Pact core found, with the core's own mismatch type. */
export interface PactMismatch {
  /** The core's type: `StatusMismatch`, `HeaderMismatch`, `BodyMismatch`, `BodyTypeMismatch`, `MetadataMismatch`, `QueryMismatch`, `PathMismatch`, `MethodMismatch`, or `Error`. */
  type: string;
  message: string;
  /** A body path (`$.available`), header or key name, when the core gives one. */
  path?: string;
  expected?: unknown;
  actual?: unknown;
}

export type InteractionStatus = 'passed' | 'failed' | 'pending';

export interface InteractionResult {
  consumer: string;
  description: string;
  /** `pending`: failed, but the pact is pending (a broker said so), so it does not fail the build. */
  status: InteractionStatus;
  mismatches: PactMismatch[];
  /** Wall time the core measured, in milliseconds, when it reported one. */
  durationMs?: number;
}

/** What `verifyPacts` returns: one entry per interaction, and the verdict. */
export interface VerificationReport {
  provider: string;
  interactions: InteractionResult[];
  /** True when no interaction failed (pending ones do not count) and nothing stopped the run. */
  passed: boolean;
  /** Problems outside any one interaction (no pacts found, a broker error, a missing state handler). */
  diagnostics: Diagnostic[];
  /** Broker notices (pending/WIP explanations), in order. */
  notices: string[];
  /** The core's own printout, ANSI codes stripped. */
  output: string[];
  durationMs: number;
}
