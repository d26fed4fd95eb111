// Gauntlet's public library API. Names are re-exported one by one, grouped by area; anything not
// listed here is internal.

// Compat (pacts against specs, nothing running) and diff (breaking changes between versions)
export type { Comparables } from './adapters/compat/read-comparables.js';
export { readComparables } from './adapters/compat/read-comparables.js';
// Verifying a provider: against consumer pacts (Pact core), against its own OpenAPI/RAML
export type { VerifyOpenApiOptions } from './adapters/conformance/verify-openapi.js';
export { verifyOpenApi } from './adapters/conformance/verify-openapi.js';
// Exporting contracts to other tools' formats
export type { ExportContractOptions, ExportedContract } from './adapters/export/export-contract.js';
export { exportContract } from './adapters/export/export-contract.js';
export type { LoadPathsOptions } from './adapters/fs/load-paths.js';
export { loadPaths } from './adapters/fs/load-paths.js';
export type { LoadedScenarioFiles } from './adapters/fs/load-scenario-paths.js';
export { loadScenarioPaths } from './adapters/fs/load-scenario-paths.js';
export { loadContracts } from './adapters/fs/load-services.js';
export type {
  HoverflyJournalEntry,
  RealHoverfly,
  StartRealHoverflyOptions,
} from './adapters/hoverfly/real-hoverfly.js';
export { startRealHoverfly } from './adapters/hoverfly/real-hoverfly.js';
// The real Hoverfly as a backend (`gauntlet mock --engine hoverfly`)
export type {
  HoverflyEngine,
  ServeWithHoverflyOptions,
} from './adapters/hoverfly/serve-with-hoverfly.js';
export { serveWithHoverfly } from './adapters/hoverfly/serve-with-hoverfly.js';
export type { ReloadResult, RunningMock, StartMockOptions } from './adapters/http/start-mock.js';
export { startMock } from './adapters/http/start-mock.js';
// Load suites (k6 vocabulary) and the built-in engine
export type { LoadProgress, RunLoadOptions } from './adapters/load/run-load.js';
export { runLoad } from './adapters/load/run-load.js';
export type { DiffSpecsOptions, DiffSpecsResult } from './adapters/oasdiff/diff-specs.js';
export { diffSpecs } from './adapters/oasdiff/diff-specs.js';
export type { BrokerOptions, VerifyPactsOptions } from './adapters/pact/verify-pacts.js';
export { verifyPacts } from './adapters/pact/verify-pacts.js';
export type {
  Recorder,
  RecordFormat,
  StartRecorderOptions,
} from './adapters/record/start-recorder.js';
export { startRecorder } from './adapters/record/start-recorder.js';
// The registry and can-i-deploy (embedded, or a Pact Broker)
export type { OpenRegistryOptions } from './adapters/registry/open-registry.js';
export { openRegistry } from './adapters/registry/open-registry.js';
export type { Registry } from './adapters/registry/registry.js';
// The stages of `gauntlet run`, and their reports
export type { WrittenReports } from './adapters/report/write-reports.js';
export { writeReports } from './adapters/report/write-reports.js';
// Chaos experiments (Chaos Toolkit's format) on the real Toxiproxy
export type {
  BackendContext,
  RunningToxiproxy,
  ToxiproxyBackend,
} from './adapters/toxiproxy/backend.js';
export { localToxiproxy, toxiproxyBackend } from './adapters/toxiproxy/backend.js';
export type {
  ProxyInput,
  Toxic,
  ToxicInput,
  ToxiproxyClient,
  ToxiproxyProxy,
} from './adapters/toxiproxy/client.js';
export { createToxiproxyClient } from './adapters/toxiproxy/client.js';
// Mock host, admin API, record mode
export type { AdminClient, AdminClientOptions, CountPattern } from './admin-client/index.js';
export { createAdminClient } from './admin-client/index.js';
export type { Activity, Experiment, Provider, ToleranceValue } from './chaos/experiment.js';
export { defineExperiment } from './chaos/experiment.js';
export type { ChaosJournal, ExperimentStatus } from './chaos/journal.js';
export { parseExperiment } from './chaos/parse-experiment.js';
export type { RunExperimentOptions, RunnerIO } from './chaos/run-experiment.js';
export { runExperiment } from './chaos/run-experiment.js';
export { withinTolerance } from './chaos/tolerance.js';
export { proxyEdges } from './chaos/topology.js';
// Configuration
export type { ChaosConfig, GauntletConfig } from './config.js';
export { defineConfig } from './config.js';
// Errors
export type { ErrorCode, GauntletErrorOptions } from './errors.js';
export { ERROR_CODES, GauntletError, isGauntletError } from './errors.js';
export type { ContractExporter } from './formats/export/index.js';
export { EXPORTERS } from './formats/export/index.js';
export { toHoverfly } from './formats/export/to-hoverfly.js';
export { toPact } from './formats/export/to-pact.js';
// Loading contracts
export type { LoadSourceOptions } from './formats/load-source.js';
export { loadSource } from './formats/load-source.js';
// Generating clients and MSW handlers
export type {
  GenerateClientOptions,
  GeneratedClient,
  GeneratedFile,
  GenerateMswOptions,
} from './generate/index.js';
export { generateClient, generateMswModule } from './generate/index.js';
// Lint
export { lintService } from './lint/lint.js';
export { defineLoad } from './load/define-load.js';
export type { GeneratorHealth, LoadSummary, SummaryMetric } from './load/summary.js';
export type {
  IterationContext,
  IterationFunction,
  LoadHttp,
  LoadResponse,
  LoadSuite,
  RequestSpec,
  ResponseTimings,
  Scenario,
  ThresholdSpec,
} from './load/types.js';
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
export { ADMIN_OPENAPI } from './mock/host/admin-openapi.js';
export type {
  HostedEngine,
  HostScenarios,
  MockHost,
  MockHostOptions,
} from './mock/host/create-mock-host.js';
export { createMockHost } from './mock/host/create-mock-host.js';
export type {
  HostNearMiss,
  JournalEntry,
  JournalFilter,
  MatchRef,
  RequestPattern,
  RuntimeStub,
  StubInput,
} from './mock/host/types.js';
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
export { canIDeploy, formatCanIDeploy } from './registry/can-i-deploy.js';
export type { Check, CheckStatus, RunSummary, StageResult } from './report/types.js';
export type { ChaosSuiteOptions, ChaosSuiteResult } from './run/chaos/run-chaos-suite.js';
export { runChaosSuite } from './run/chaos/run-chaos-suite.js';
export type { RunGauntletOptions } from './run/run-gauntlet.js';
export { runGauntlet } from './run/run-gauntlet.js';
export type { RunContext, Stage } from './run/types.js';
// A whole system: start it, develop one service against mocks, route its dependency edges
export type { DevSession, StartDevOptions } from './system/start-dev.js';
export { startDev } from './system/start-dev.js';
export type { DependencyEdge, RouteDependency } from './system/start-service.js';
export type { RunningSystem, StartSystemOptions } from './system/start-system.js';
export { startSystem } from './system/start-system.js';
export type { CheckCompatOptions, CompatReport } from './verify/compat/check-compat.js';
export { checkCompat } from './verify/compat/check-compat.js';
export type { ConformanceReport } from './verify/conformance/types.js';
// Provider states for `gauntlet verify pact --states MODULE`
export { defineProviderStates } from './verify/pact/states.js';
export type {
  InteractionResult,
  MessageProvider,
  MessageProviders,
  ProviderStates,
  ProviderStatesModule,
  StartedProvider,
  StateHandler,
  StateParams,
  VerificationReport,
} from './verify/pact/types.js';
