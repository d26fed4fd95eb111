// Gauntlet's public library API. Names are re-exported one by one, grouped by area; anything not
// listed here is internal.

export type { LoadPathsOptions } from './adapters/fs/load-paths.js';
export { loadPaths } from './adapters/fs/load-paths.js';
export type { RunningMock, StartMockOptions } from './adapters/http/start-mock.js';
export { startMock } from './adapters/http/start-mock.js';
// Configuration
export type { GauntletConfig } from './config.js';
export { defineConfig } from './config.js';
// Errors
export type { ErrorCode, GauntletErrorOptions } from './errors.js';
export { ERROR_CODES, GauntletError, isGauntletError } from './errors.js';
// Loading contracts
export type { LoadSourceOptions } from './formats/load-source.js';
export { loadSource } from './formats/load-source.js';
// Lint
export { lintService } from './lint/lint.js';
// Matching
export type { SchemaCompiler, SchemaIssue } from './matching/json-schema.js';
export { createSchemaCompiler } from './matching/json-schema.js';
export type { Mismatch } from './matching/pact/index.js';
export { matchMessage, matchRequest, matchResponse } from './matching/pact/index.js';
// Mocking
export type { CompileOptions } from './mock/compile.js';
export { compile } from './mock/compile.js';
// Scenarios, sessions and faults on top of the contract mocks
export type { DelaySpec, FaultSpec } from './mock/faults/types.js';
export type { GlobalFaultOptions } from './mock/faults/with-faults.js';
export { withFaults } from './mock/faults/with-faults.js';
export { compileScenarios } from './mock/scenarios/compile-scenarios.js';
export { defineScenario } from './mock/scenarios/define.js';
export type { ScenarioDefinition, ScenarioEngine, StubDefinition } from './mock/scenarios/types.js';
export { withScenarios } from './mock/scenarios/with-scenarios.js';
export type { MockEngine, MockRequest, MockResponse } from './mock/types.js';
// The model
export type {
  Diagnostic,
  HttpOperation,
  LoadedSource,
  PactHttpInteraction,
  PactMessage,
  Service,
  Severity,
  SourceFormat,
  SourceLocation,
} from './model/index.js';
export { formatLocation, hasErrors } from './model/index.js';
