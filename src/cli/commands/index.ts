import type { CommandSpec } from '../command.js';
import { GATE_COMMANDS } from './gate-commands.js';
import { verifyFlags } from './verify-flags.js';

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
} as const;

/** `gauntlet init` flags. */
const initFlags = {
  ci: {
    type: 'string',
    description: 'The CI template to write: github, gitlab or none (default: asked, or detected)',
  },
  yes: { type: 'boolean', description: 'Ask nothing: take the detected CI' },
} as const;

/** Every command, in the order `gauntlet --help` lists them. */
export const COMMANDS: CommandSpec[] = [
  {
    name: 'init',
    summary: 'Start using Gauntlet in a project: config, a sample contract, mocks/, CI, scripts',
    usage: 'gauntlet init [--ci github|gitlab|none] [--yes] [--json]',
    options: { ...initFlags, json },
    run: () => import('./init.js'),
  },
  {
    name: 'inspect',
    summary: 'Load contracts and show what each one describes',
    usage: 'gauntlet inspect PATH... [--strict] [--json]',
    options: { json, strict },
    run: () => import('./inspect.js'),
  },
  {
    name: 'lint',
    summary: 'Load contracts and run spec-level checks',
    usage: 'gauntlet lint PATH... [--strict] [--json]',
    options: { json, strict },
    run: () => import('./lint.js'),
  },
  {
    name: 'mock',
    summary: 'Serve contracts as a mock HTTP server (one port, each service under /<name>)',
    usage:
      'gauntlet mock PATH... [--port 4010] [--host 127.0.0.1] [--ports] [--no-validate | --validate=warn] [--no-cors] [--seed N] [--log] [--watch] [--admin-port P] [--admin-token T] [--journal-size N] [--engine gauntlet|hoverfly] [--strict] [--json]',
    options: { ...mockFlags, strict, json },
    run: () => import('./mock.js'),
  },
  {
    name: 'run',
    summary: 'The main job: lint contracts, test each service against mocks, then the whole system',
    usage: 'gauntlet run [--stage NAME]... [--report-dir reports] [--json]',
    options: { ...runFlags, json },
    run: () => import('./run.js'),
  },
  {
    name: 'dev',
    summary: 'Run one service against mocks of its dependencies, with its log and mock misses',
    usage: 'gauntlet dev SERVICE [--real DEP]... [--port N] [--free-ports]',
    options: devFlags,
    run: () => import('./dev.js'),
  },
  {
    name: 'chaos',
    summary:
      'Run chaos experiments (Chaos Toolkit format) against the system, every edge behind Toxiproxy',
    usage:
      'gauntlet chaos [EXPERIMENT...] [--toxiproxy URL|docker] [--running] [--var key=value]... [--report-dir DIR] [--json]',
    options: { ...chaosFlags, json },
    run: () => import('./chaos.js'),
  },
  {
    name: 'up',
    summary: 'Start the whole system for real, in dependency order, health-checked',
    usage: 'gauntlet up [--free-ports]',
    options: upFlags,
    run: () => import('./up.js'),
  },
  {
    name: 'load',
    summary: 'Run load suites (k6 vocabulary) against the system, or one URL at a fixed rate',
    usage:
      'gauntlet load [SUITE|DIR...] [--target URL] [--engine builtin|vegeta] [--baseline FILE] [--json] | gauntlet load URL --rate N --duration 10s [--method M] [--header "N: v"]... [--body FILE]',
    options: { ...loadFlags, json },
    run: () => import('./load.js'),
  },
  {
    name: 'verify',
    summary:
      'Verify a running provider against consumer pacts (Pact core), its OpenAPI/RAML contract, or a Postman collection’s own tests (newman)',
    usage:
      'gauntlet verify pact --provider NAME [--base-url URL] [--pacts PATH]... [--states MODULE] [--header "N: v"]... [--broker-url URL] [--json] | gauntlet verify openapi --spec FILE --base-url URL [--cases N] [--seed S] [--checks LIST] [--phases LIST] [--allow-remote] [--json] | gauntlet verify postman COLLECTION --base-url URL [--var name=value]... [--timeout MS] [--junit FILE] [--report FILE] [--allow-remote] [--json]',
    options: { ...verifyFlags, json },
    run: () => import('./verify.js'),
  },
  {
    name: 'generate',
    summary:
      'Generate a typed client (openapi-fetch), MSW handlers, or a k6 script of a load suite',
    usage:
      'gauntlet generate client SPEC|SERVICE --out DIR [--name NAME] [--no-validators] [--json] | gauntlet generate msw CONTRACT... --out FILE [--base-url URL] [--runtime MODULE] [--json] | gauntlet generate k6 SUITE --out FILE [--base-url URL] [--json]',
    options: { ...generateFlags, json },
    run: () => import('./generate.js'),
  },
  {
    name: 'export',
    summary:
      'Write a contract as a Hoverfly simulation, a Pact V4 file or a Postman collection v2.1',
    usage: 'gauntlet export hoverfly|pact|postman CONTRACT --out FILE [--json]',
    options: { ...exportFlags, json },
    run: () => import('./export.js'),
  },
  {
    name: 'record',
    summary: 'Proxy a real service and record each exchange as a Hoverfly simulation or a pact',
    usage:
      'gauntlet record --target URL --out FILE [--port P] [--format hoverfly|pact] [--consumer C --provider P] [--redact header,...] [--json]',
    options: { ...recordFlags, json },
    run: () => import('./record.js'),
  },
  {
    name: 'setup',
    summary:
      'Install the pinned Go tools (toxiproxy, vegeta, oasdiff, hoverfly) into .gauntlet/bin',
    usage: 'gauntlet setup [--only NAME[,NAME]]... [--force] [--json]',
    options: {
      only: setupOnly,
      force: setupForce,
      json,
    },
    run: () => import('./setup.js'),
  },
  {
    name: 'image',
    summary: 'Build the container images: toxiproxy, hoverfly, mock (gauntlet mock on Node)',
    usage: 'gauntlet image build [toxiproxy|hoverfly|mock]... [--offline] [--json]',
    options: { ...imageFlags, json },
    run: () => import('./image.js'),
  },
  {
    name: 'doctor',
    summary: 'Check the tools, Node, npm, Go and Docker that Gauntlet uses',
    usage: 'gauntlet doctor [--json]',
    options: { json },
    run: () => import('./doctor.js'),
  },
  ...GATE_COMMANDS,
];
