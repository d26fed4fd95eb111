import type { CommandSpec } from '../command.js';
import { GATE_COMMANDS } from './gate-commands.js';

const json = { type: 'boolean', description: 'Print one JSON document on stdout' } as const;

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
} as const;

/** `gauntlet run` flags. */
const runFlags = {
  stage: { type: 'string', multiple: true, description: 'Run only these stages (repeatable)' },
  'report-dir': { type: 'string', description: 'Where index.html and summary.json go' },
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

/** Every command, in the order `gauntlet --help` lists them. */
export const COMMANDS: CommandSpec[] = [
  {
    name: 'inspect',
    summary: 'Load contracts and show what each one describes',
    usage: 'gauntlet inspect PATH... [--json]',
    options: { json },
    run: () => import('./inspect.js'),
  },
  {
    name: 'lint',
    summary: 'Load contracts and run spec-level checks',
    usage: 'gauntlet lint PATH... [--json]',
    options: { json },
    run: () => import('./lint.js'),
  },
  {
    name: 'mock',
    summary: 'Serve contracts as a mock HTTP server (one port, each service under /<name>)',
    usage:
      'gauntlet mock PATH... [--port 4010] [--host 127.0.0.1] [--ports] [--no-validate | --validate=warn] [--no-cors] [--seed N] [--log] [--json]',
    options: { ...mockFlags, json },
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
    name: 'up',
    summary: 'Start the whole system for real, in dependency order, health-checked',
    usage: 'gauntlet up [--free-ports]',
    options: upFlags,
    run: () => import('./up.js'),
  },
  {
    name: 'verify',
    summary: 'Verify a running provider against consumer pacts (Pact core) or its OpenAPI/RAML contract',
    usage:
      'gauntlet verify pact --provider NAME [--base-url URL] [--pacts PATH]... [--states MODULE] [--header "N: v"]... [--broker-url URL] [--json] | gauntlet verify openapi --spec FILE --base-url URL [--cases N] [--seed S] [--checks LIST] [--allow-remote] [--json]',
    options: {
      provider: { type: 'string', description: 'pact: the provider name the pacts use' },
      'base-url': { type: 'string', description: 'Where the provider listens' },
      pacts: { type: 'string', multiple: true, description: 'pact: pact files, folders or URLs' },
      states: { type: 'string', description: 'pact: provider-states module (TypeScript)' },
      header: { type: 'string', multiple: true, description: 'Header added to every request ("Name: value")' },
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
      operation: { type: 'string', multiple: true, description: 'openapi: only this operation (id or "METHOD /path")' },
      'allow-remote': { type: 'boolean', description: 'openapi: allow a non-local base URL' },
      report: { type: 'string', description: 'Also write the JSON report to FILE' },
      json,
    },
    run: () => import('./verify.js'),
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
    name: 'doctor',
    summary: 'Check the tools, Node, npm, Go and Docker that Gauntlet uses',
    usage: 'gauntlet doctor [--json]',
    options: { json },
    run: () => import('./doctor.js'),
  },
  ...GATE_COMMANDS,
];
