// gauntlet/client-runtime: what every client from `gauntlet generate client` imports. Generated
// code holds only the contract's types and validators; the behaviour lives here, once.

// Errors
export {
  ClientCallError,
  type ClientCallErrorKind,
  type ValidationIssue,
} from './client-call-error.js';
// The client
export { createResilientClient, type ResilientClient } from './create-resilient-client.js';
// The same call policy as a plain fetch (webhooks, proxies: calls no contract types)
export {
  createResilientFetch,
  type ResilientFetch,
  type ResilientFetchOptions,
} from './create-resilient-fetch.js';
// Helpers
export { embeddedValidators } from './embedded-validators.js';
// Options
export type {
  AuthHeaders,
  BreakerOptions,
  BreakerState,
  ResilientClientOptions,
  ResponseValidators,
  RetryOptions,
  StandaloneValidator,
} from './options.js';
export { retryAfterMs } from './retry-after.js';
export { nextTraceparent } from './traceparent.js';
