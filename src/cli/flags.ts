/**
 * Every flag of every command, declared once: name, type, whether it repeats, and a description
 * (which says the default where there is one). `gauntlet <command> --help` prints from this table
 * and the CLI reference can be generated from it: it is plain data, importable without loading
 * any command.
 */

/** One flag, as node:util parseArgs reads it, plus its description for people. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  description: string;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

const json = { type: 'boolean', description: 'Print one JSON document on stdout' } as const;
const strict = {
  type: 'boolean',
  description: 'Refuse what loads only leniently (GAUNTLET_W_* warnings become errors)',
} as const;

const setupOnly = {
  type: 'string',
  multiple: true,
  description: 'Install only these tools (repeatable or comma list)',
} as const;
const setupForce = {
  type: 'boolean',
  description: 'Reinstall even when the pinned version is there',
} as const;

/** `gauntlet mock` flags (declared as a const so their descriptions pass the options type). */
const mockFlags = {
  port: { type: 'string', description: 'Port to listen on (default 4010; 0 picks a free one)' },
  host: { type: 'string', description: 'Address to bind (default 127.0.0.1)' },
  ports: {
    type: 'boolean',
    description: 'Give each service its own port, counting up from --port',
  },
  validate: { type: 'string', description: 'Request validation: on (default, 4xx), warn, off' },
  'no-validate': { type: 'boolean', description: 'Same as --validate=off' },
  'no-cors': { type: 'boolean', description: 'Do not answer CORS preflights or add CORS headers' },
  seed: { type: 'string', description: 'Seed for generated bodies (default 0)' },
  log: { type: 'boolean', description: 'Print one line per request' },
  watch: {
    type: 'boolean',
    description: 'Reload when a contract changes (a broken edit keeps the old version)',
  },
  'admin-port': {
    type: 'string',
    description: 'Serve the admin API on its own port instead of under /__gauntlet/',
  },
  'admin-token': {
    type: 'string',
    description:
      'Bearer token for the admin API (default GAUNTLET_ADMIN_TOKEN; needed off loopback)',
  },
  'journal-size': { type: 'string', description: 'Requests kept in the journal (default 10000)' },
  engine: {
    type: 'string',
    description:
      'Who answers: gauntlet (default) or hoverfly (the real Hoverfly serves the simulations; log and misses from its journal)',
  },
} as const;

/** `gauntlet run` flags. */
const runFlags = {
  stage: { type: 'string', multiple: true, description: 'Run only these stages (repeatable)' },
  'report-dir': { type: 'string', description: 'Where index.html and summary.json go' },
} as const;

/** `gauntlet chaos` flags. */
const chaosFlags = {
  toxiproxy: {
    type: 'string',
    description:
      'A running Toxiproxy (URL) or `docker`; default: start .gauntlet/bin/toxiproxy-server',
  },
  running: {
    type: 'boolean',
    description: 'The services run already behind --toxiproxy; do not start them',
  },
  var: {
    type: 'string',
    multiple: true,
    description:
      'Configuration value key=value or key:int=value (repeatable), as `chaos run --var`',
  },
  'report-dir': {
    type: 'string',
    description: 'Where the chaos reports go (default reports/chaos)',
  },
} as const;

/** `gauntlet dev` flags. */
const devFlags = {
  real: {
    type: 'string',
    multiple: true,
    description: 'Start this dependency for real instead of mocked (repeatable)',
  },
  port: { type: 'string', description: "The service's port (default: its config port; 0 = free)" },
  'free-ports': { type: 'boolean', description: 'Give every started service a free port' },
} as const;

/** `gauntlet up` flags. */
const upFlags = {
  'free-ports': { type: 'boolean', description: 'Free ports instead of the configured ones' },
  chaos: {
    type: 'boolean',
    description:
      'Route every dependency edge through its own Toxiproxy proxy (<consumer>_to_<provider>)',
  },
  toxiproxy: {
    type: 'string',
    description:
      'With --chaos: a running Toxiproxy (URL) or `docker`; default: .gauntlet/bin/toxiproxy-server',
  },
} as const;

/** `gauntlet generate` flags. */
const generateFlags = {
  out: { type: 'string', description: 'client: the folder to write; msw, k6: the file' },
  name: { type: 'string', description: 'client: PascalCase name for create<Name>Client' },
  'no-validators': {
    type: 'boolean',
    description: 'client: leave out the compiled response validators',
  },
  'base-url': { type: 'string', description: 'msw, k6: default base URL (k6: BASE_URL)' },
  runtime: { type: 'string', description: 'msw: module to import createHandlers from' },
} as const;

/** `gauntlet export` flags. */
const exportFlags = {
  out: { type: 'string', description: 'The file to write (replaced atomically)' },
} as const;

/** `gauntlet record` flags. */
const recordFlags = {
  target: { type: 'string', description: 'The real service to forward to (http://host:port)' },
  out: { type: 'string', description: 'File rewritten after every exchange' },
  port: { type: 'string', description: 'Port to listen on (default 0: a free one)' },
  host: { type: 'string', description: 'Address to bind (default 127.0.0.1)' },
  format: { type: 'string', description: 'hoverfly (v5.3 simulation, default) or pact (V4)' },
  consumer: { type: 'string', description: 'pact: consumer name' },
  provider: { type: 'string', description: 'pact: provider name' },
  redact: {
    type: 'string',
    multiple: true,
    description: 'More headers to redact (Authorization, Cookie, Set-Cookie always are)',
  },
  log: { type: 'boolean', description: 'Print one line per recorded exchange' },
} as const;

const compatProvider = {
  type: 'string',
  description: 'Compare every pact with the spec of this service',
} as const;

const diffFlags = {
  pacts: {
    type: 'string',
    multiple: true,
    description: 'Consumer pacts (files/folders) for "breaking for whom" (repeatable)',
  },
  provider: {
    type: 'string',
    description: 'Provider name of the spec in the pacts (default: its title)',
  },
  'fail-on': {
    type: 'string',
    description:
      'breaking (default: any breaking change) or consumers (only changes a consumer relies on)',
  },
  format: { type: 'string', description: 'text (default), markdown (PR comment) or json' },
  all: { type: 'boolean', description: 'Also list the non-breaking changes' },
} as const;

const publishFlags = {
  'consumer-version': { type: 'string', description: 'Consumer version (default: the git sha)' },
  branch: { type: 'string', description: 'Consumer branch (default: the git branch)' },
} as const;

const deploymentFlags = {
  pacticipant: { type: 'string', description: 'The application (consumer or provider) name' },
  version: { type: 'string', description: 'Its version' },
  environment: { type: 'string', description: 'The environment it was deployed to' },
  'to-environment': { type: 'string', description: 'The environment to deploy to' },
} as const;

const ciFlags = {
  base: {
    type: 'string',
    description: 'Base ref to diff against (default $GAUNTLET_BASE_REF, origin/main, main)',
  },
  'report-dir': {
    type: 'string',
    description: 'Where reports go (default: ci.reportDir or reports)',
  },
} as const;

/** `gauntlet verify` flags. */
const verifyFlags = {
  provider: { type: 'string', description: 'pact: the provider name the pacts use' },
  'base-url': { type: 'string', description: 'Where the provider listens' },
  pacts: { type: 'string', multiple: true, description: 'pact: pact files, folders or URLs' },
  states: { type: 'string', description: 'pact: provider-states module (TypeScript)' },
  header: {
    type: 'string',
    multiple: true,
    description: 'Header added to every request ("Name: value")',
  },
  'broker-url': { type: 'string', description: 'pact: Pact Broker URL (or PACT_BROKER_BASE_URL)' },
  'broker-token': { type: 'string', description: 'pact: broker token (or PACT_BROKER_TOKEN)' },
  'enable-pending': { type: 'boolean', description: 'pact: pending pacts do not fail the run' },
  'include-wip-since': { type: 'string', description: 'pact: also verify WIP pacts since DATE' },
  'provider-branch': { type: 'string', description: 'pact: the provider branch (pending/WIP)' },
  publish: { type: 'boolean', description: 'pact: publish results to the broker' },
  'provider-version': { type: 'string', description: 'pact: provider version to publish' },
  spec: { type: 'string', description: 'openapi: the OpenAPI or RAML file' },
  cases: { type: 'string', description: 'openapi: generated cases per operation (default 5)' },
  seed: { type: 'string', description: 'openapi: seed for generated cases (default 0)' },
  checks: { type: 'string', multiple: true, description: 'openapi: checks to run (comma list)' },
  phases: {
    type: 'string',
    multiple: true,
    description:
      'openapi: phases to run (comma list: examples,coverage,methods,generated,stateful)',
  },
  operation: {
    type: 'string',
    multiple: true,
    description: 'openapi: only this operation (id or "METHOD /path")',
  },
  'allow-remote': { type: 'boolean', description: 'openapi/postman: allow a non-local base URL' },
  var: {
    type: 'string',
    multiple: true,
    description: 'postman: a variable for the run ("name=value"; baseUrl comes from --base-url)',
  },
  timeout: { type: 'string', description: 'postman: per-request timeout in ms (default 10000)' },
  junit: { type: 'string', description: 'Also write a JUnit XML report to FILE' },
  report: { type: 'string', description: 'Also write the JSON report to FILE' },
} as const;

/** The flags every registry command takes. */
const registryFlags = {
  registry: {
    type: 'string',
    description: 'Embedded registry folder (default .gauntlet/registry)',
  },
  'broker-url': { type: 'string', description: 'Pact Broker base URL (or $PACT_BROKER_BASE_URL)' },
  'broker-token': {
    type: 'string',
    description: 'Pact Broker bearer token (or $PACT_BROKER_TOKEN)',
  },
  'broker-username': {
    type: 'string',
    description: 'Pact Broker basic-auth user (or $PACT_BROKER_USERNAME)',
  },
  'broker-password': {
    type: 'string',
    description: 'Pact Broker basic-auth password (or $PACT_BROKER_PASSWORD)',
  },
} as const;

/** `gauntlet image` flags. */
const imageFlags = {
  offline: {
    type: 'boolean',
    description: 'No registry: binaries and the Node base come from this machine (same images)',
  },
} as const;

/** `gauntlet load` flags. */
const loadFlags = {
  target: { type: 'string', description: 'Send the load here instead of starting the system' },
  engine: { type: 'string', description: 'builtin (default) or vegeta (constant-rate requests)' },
  baseline: { type: 'string', description: 'Save figures here, or compare with them if it exists' },
  tolerance: { type: 'string', description: 'Regression allowed against --baseline, in % (10)' },
  'report-dir': { type: 'string', description: 'Where the reports go (default reports/load)' },
  rate: { type: 'string', description: 'quick mode: requests per second (default 100)' },
  duration: { type: 'string', description: 'quick mode: how long, e.g. 10s (default 10s)' },
  method: { type: 'string', description: 'quick mode: HTTP method (GET; POST with --body)' },
  header: { type: 'string', multiple: true, description: 'quick mode: "Name: value" (repeatable)' },
  body: { type: 'string', description: 'quick mode: file sent as the request body' },
  'max-vus': {
    type: 'string',
    description: 'quick mode: requests in flight at most (dropped past it)',
  },
  workers: {
    type: 'string',
    description:
      'Threads driving open-model scenarios of plain requests (default auto: 1 below 2000 req/s, else one per core up to 4)',
  },
} as const;

/** `gauntlet init` flags. */
const initFlags = {
  ci: {
    type: 'string',
    description: 'The CI template to write: github, gitlab or none (default: asked, or detected)',
  },
  yes: { type: 'boolean', description: 'Ask nothing: take the detected CI' },
} as const;

/** Each command's flags, by command name. */
export const FLAGS = {
  init: { ...initFlags, json },
  inspect: { json, strict },
  lint: { json, strict },
  mock: { ...mockFlags, strict, json },
  run: { ...runFlags, json },
  dev: devFlags,
  chaos: { ...chaosFlags, json },
  up: upFlags,
  load: { ...loadFlags, json },
  verify: { ...verifyFlags, json },
  generate: { ...generateFlags, json },
  export: { ...exportFlags, json },
  record: { ...recordFlags, json },
  setup: { only: setupOnly, force: setupForce, json },
  doctor: { json },
  image: { ...imageFlags, json },
  compat: { provider: compatProvider, json },
  diff: { ...diffFlags, json },
  publish: { ...publishFlags, ...registryFlags, json },
  'record-deployment': {
    pacticipant: deploymentFlags.pacticipant,
    version: deploymentFlags.version,
    environment: deploymentFlags.environment,
    ...registryFlags,
    json,
  },
  'can-i-deploy': {
    pacticipant: deploymentFlags.pacticipant,
    version: deploymentFlags.version,
    'to-environment': deploymentFlags['to-environment'],
    ...registryFlags,
    json,
  },
  ci: { ...ciFlags, json },
} as const satisfies Record<string, FlagTable>;

export type CommandName = keyof typeof FLAGS;
