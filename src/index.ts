// Gauntlet's public library API. Names are re-exported one by one, grouped by area; anything not
// listed here is internal. The CLI (src/cli) stands on this file alone: Biome fences it off every
// other module, so whatever a command does, a user's script can do with the same names.
// Each group starts with a detached comment (a blank line after it), which keeps Biome's import
// sorting inside the group and gives docs/reference/api.md its headings.

// Configuration

export { loadConfig } from './adapters/config/load-config.js';
export type { ChaosConfig, GauntletConfig } from './config.js';
export { defineConfig } from './config.js';

// Errors

export type { ErrorCode, GauntletErrorOptions } from './errors.js';
export { ERROR_CODES, GauntletError, isGauntletError } from './errors.js';

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

// Loading contracts and linting them

export type { LoadPathsOptions } from './adapters/fs/load-paths.js';
export { display as displayPath, loadPaths } from './adapters/fs/load-paths.js';
export type { LoadedScenarioFiles } from './adapters/fs/load-scenario-paths.js';
export { loadScenarioPaths } from './adapters/fs/load-scenario-paths.js';
export { loadContracts, loadServices, servicesOf } from './adapters/fs/load-services.js';
export type { LoadSourceOptions } from './formats/load-source.js';
export { loadSource } from './formats/load-source.js';
export { lintService } from './lint/lint.js';

// Matching

export type { SchemaCompiler, SchemaIssue } from './matching/json-schema.js';
export { createSchemaCompiler } from './matching/json-schema.js';
export type { Mismatch } from './matching/pact/index.js';
export { matchMessage, matchRequest, matchResponse } from './matching/pact/index.js';

// The mock engine, its host (journal, admin API), scenarios and faults

export type { AdminClient, AdminClientOptions, CountPattern } from './admin-client/index.js';
export { createAdminClient } from './admin-client/index.js';
export type { CompileOptions } from './mock/compile.js';
export { compile } from './mock/compile.js';
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

// Serving mocks (`gauntlet mock`), the real Hoverfly as a backend, record mode

export type {
  HoverflyJournalEntry,
  RealHoverfly,
  StartRealHoverflyOptions,
} from './adapters/hoverfly/real-hoverfly.js';
export { startRealHoverfly } from './adapters/hoverfly/real-hoverfly.js';
export type {
  HoverflyEngine,
  ServeWithHoverflyOptions,
} from './adapters/hoverfly/serve-with-hoverfly.js';
export { serveWithHoverfly } from './adapters/hoverfly/serve-with-hoverfly.js';
export type { ReloadResult, RunningMock, StartMockOptions } from './adapters/http/start-mock.js';
export { startMock } from './adapters/http/start-mock.js';
export type {
  Recorder,
  RecordFormat,
  StartRecorderOptions,
} from './adapters/record/start-recorder.js';
export { startRecorder } from './adapters/record/start-recorder.js';
export type { MockMiss } from './system/mock-miss.js';
export { describeMiss } from './system/mock-miss.js';

// Verifying a provider: against consumer pacts (Pact core), its own OpenAPI/RAML, a Postman collection

export type { VerifyOpenApiOptions } from './adapters/conformance/verify-openapi.js';
export { verifyOpenApi } from './adapters/conformance/verify-openapi.js';
export type { BrokerOptions, VerifyPactsOptions } from './adapters/pact/verify-pacts.js';
export { verifyPacts } from './adapters/pact/verify-pacts.js';
export { runCollection } from './adapters/postman/run-collection.js';
export type { CheckName, ConformancePhase, ConformanceReport } from './verify/conformance/types.js';
export { CONFORMANCE_CHECKS, CONFORMANCE_PHASES } from './verify/conformance/types.js';
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
export { postmanChecks } from './verify/postman/types.js';

// Compat (pacts against specs, nothing running) and diff (breaking changes between versions)

export type { Comparables } from './adapters/compat/read-comparables.js';
export { readComparables } from './adapters/compat/read-comparables.js';
export type { DiffSpecsOptions, DiffSpecsResult } from './adapters/oasdiff/diff-specs.js';
export { diffSpecs } from './adapters/oasdiff/diff-specs.js';
export type { CheckCompatOptions, CompatReport } from './verify/compat/check-compat.js';
export { checkCompat } from './verify/compat/check-compat.js';
export { formatCompatText } from './verify/compat/format-compat.js';
export { formatDiffMarkdown, formatDiffText } from './verify/diff/diff-report.js';

// The registry and can-i-deploy (embedded, or a Pact Broker)

export type { OpenRegistryOptions } from './adapters/registry/open-registry.js';
export { openRegistry } from './adapters/registry/open-registry.js';
export type { Registry } from './adapters/registry/registry.js';
export { canIDeploy, formatCanIDeploy } from './registry/can-i-deploy.js';

// Generating clients, MSW handlers and k6 scripts

export type {
  GenerateClientOptions,
  GeneratedClient,
  GeneratedFile,
  GenerateMswOptions,
  K6ScriptInput,
} from './generate/index.js';
export { generateClient, generateK6Script, generateMswModule } from './generate/index.js';

// Exporting contracts to other tools' formats

export type { ExportContractOptions, ExportedContract } from './adapters/export/export-contract.js';
export { exportContract } from './adapters/export/export-contract.js';
export type { ContractExporter } from './formats/export/index.js';
export { EXPORTERS } from './formats/export/index.js';
export { toHoverfly } from './formats/export/to-hoverfly.js';
export { toPact } from './formats/export/to-pact.js';
export { toPostmanCollection } from './formats/export/to-postman.js';

// A whole system: start it, develop one service against mocks, route its dependency edges

export type { DevSession, StartDevOptions } from './system/start-dev.js';
export { startDev } from './system/start-dev.js';
export type { DependencyEdge, RouteDependency } from './system/start-service.js';
export type { RunningSystem, StartSystemOptions } from './system/start-system.js';
export { startSystem } from './system/start-system.js';

// The stages of `gauntlet run`, the merge gate (`gauntlet ci`), and their reports

export type { WrittenReports } from './adapters/report/write-reports.js';
export { writeReports } from './adapters/report/write-reports.js';
export { gateStages } from './ci/gate-stages.js';
export { writeCiReports } from './ci/write-ci-reports.js';
export { renderJunit } from './report/junit.js';
export type { Check, CheckStatus, RunSummary, StageResult } from './report/types.js';
export { createRunContext } from './run/run-context.js';
export type { RunGauntletOptions } from './run/run-gauntlet.js';
export { runGauntlet } from './run/run-gauntlet.js';
export { runStages } from './run/run-stages.js';
export { stageResult } from './run/stage-result.js';
export { pickStages, STAGES } from './run/stages.js';
export type { RunContext, Stage } from './run/types.js';

// Chaos experiments (Chaos Toolkit's format) on the real Toxiproxy

export { writeChaosReports } from './adapters/report/write-chaos-reports.js';
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
export type { Activity, Experiment, Provider, ToleranceValue } from './chaos/experiment.js';
export { defineExperiment } from './chaos/experiment.js';
export type { ChaosJournal, ExperimentStatus } from './chaos/journal.js';
export { parseExperiment } from './chaos/parse-experiment.js';
export type { RunExperimentOptions, RunnerIO } from './chaos/run-experiment.js';
export { runExperiment } from './chaos/run-experiment.js';
export { experimentPassed } from './chaos/summary.js';
export { withinTolerance } from './chaos/tolerance.js';
export { proxyEdges } from './chaos/topology.js';
export type { ChaosSuiteOptions, ChaosSuiteResult } from './run/chaos/run-chaos-suite.js';
export { runChaosSuite } from './run/chaos/run-chaos-suite.js';
export { routeThroughProxies } from './system/route-through-proxies.js';

// Load suites (k6 vocabulary), the built-in engine and vegeta

export { findSuites } from './adapters/load/find-suites.js';
export type { LoadedSuite } from './adapters/load/load-suite-file.js';
export { loadSuiteFile } from './adapters/load/load-suite-file.js';
export type { LoadProgress, RunLoadOptions } from './adapters/load/run-load.js';
export { runLoad } from './adapters/load/run-load.js';
export { writeLoadReports } from './adapters/load/write-load-reports.js';
export type { Baseline } from './load/baseline.js';
export { baselineEntry, compareWithBaseline, isBaseline } from './load/baseline.js';
export { defineLoad } from './load/define-load.js';
export { parseDuration } from './load/duration.js';
export type { GeneratorHealth, LoadSummary, SummaryMetric } from './load/summary.js';
export { renderSummaryText, thresholdsPassed } from './load/summary.js';
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
export { validateSuite } from './load/validate-suite.js';
export { loadChecks } from './run/load/load-checks.js';
export type { LoadEngine } from './run/load/run-suite.js';
export { prepareScenarios, runSuite } from './run/load/run-suite.js';

// Starting a project (`gauntlet init`)

export { initProject } from './adapters/init/init-project.js';
export type { InitCi } from './adapters/init/plan-init.js';
export { detectCi } from './adapters/init/plan-init.js';

// The machine: interrupts, free ports, atomic files, external tools, containers, git

export type { BuiltImage } from './adapters/containers/build-image.js';
export { buildImage } from './adapters/containers/build-image.js';
export { describeMissingEngine, findContainerEngine } from './adapters/containers/find-engine.js';
export type { ImageName } from './adapters/containers/images.js';
export { IMAGE_NAMES } from './adapters/containers/images.js';
export { writeAtomic, writeAtomicSync } from './adapters/fs/write-atomic.js';
export { gitHead } from './adapters/git/git.js';
export { freePort } from './adapters/process/free-port.js';
export type { StopSignal } from './adapters/process/interrupt.js';
export {
  onInterrupt,
  onInterruptTwice,
  onStopSignal,
  untilSignal,
} from './adapters/process/interrupt.js';
export type { ManagedProcess } from './adapters/process/start-process.js';
export type { ToolResolution } from './adapters/tools/find-tool.js';
export { requireTool } from './adapters/tools/find-tool.js';
export type { SetupProgress, ToolInstallOutcome } from './adapters/tools/install-tools.js';
export { installTools, setupFailure } from './adapters/tools/install-tools.js';
export type { DoctorReport } from './adapters/tools/run-doctor.js';
export { runDoctor } from './adapters/tools/run-doctor.js';
