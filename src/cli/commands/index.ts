import type { CommandSpec } from '../command.js';
import { FLAGS } from '../flags.js';
import { GATE_COMMANDS } from './gate-commands.js';

/** Every command, in the order `gauntlet --help` lists them. */
export const COMMANDS: CommandSpec[] = [
  {
    name: 'init',
    summary: 'Start using Gauntlet in a project: config, a sample contract, mocks/, CI, scripts',
    usage: 'gauntlet init [--ci github|gitlab|none] [--yes] [--json]',
    options: FLAGS.init,
    run: () => import('./init.js'),
  },
  {
    name: 'inspect',
    summary: 'Load contracts and show what each one describes',
    usage: 'gauntlet inspect PATH... [--strict] [--json]',
    options: FLAGS.inspect,
    run: () => import('./inspect.js'),
  },
  {
    name: 'lint',
    summary: 'Load contracts and run spec-level checks',
    usage: 'gauntlet lint PATH... [--strict] [--json]',
    options: FLAGS.lint,
    run: () => import('./lint.js'),
  },
  {
    name: 'mock',
    summary:
      'Serve contracts as a mock HTTP server (one port, each service under /<name>); scenario files among the paths answer first',
    usage:
      'gauntlet mock PATH... [--port 4010] [--host 127.0.0.1] [--ports] [--no-validate | --validate=warn] [--no-cors] [--seed N] [--log] [--watch] [--admin-port P] [--admin-token T] [--journal-size N] [--strict] [--json]',
    options: FLAGS.mock,
    run: () => import('./mock.js'),
  },
  {
    name: 'run',
    summary: 'The main job: lint contracts, test each service against mocks, then the whole system',
    usage: 'gauntlet run [--stage NAME]... [--report-dir reports] [--json]',
    options: FLAGS.run,
    run: () => import('./run.js'),
  },
  {
    name: 'dev',
    summary: 'Run one service against mocks of its dependencies, with its log and mock misses',
    usage: 'gauntlet dev SERVICE [--real DEP]... [--port N] [--free-ports]',
    options: FLAGS.dev,
    run: () => import('./dev.js'),
  },
  {
    name: 'chaos',
    summary:
      'Run chaos experiments (Chaos Toolkit format) against the system, every edge behind Toxiproxy',
    usage:
      'gauntlet chaos [EXPERIMENT...] [--toxiproxy URL|docker] [--running] [--var key=value]... [--report-dir DIR] [--json]',
    options: FLAGS.chaos,
    run: () => import('./chaos.js'),
  },
  {
    name: 'up',
    summary: 'Start the whole system for real, in dependency order, health-checked',
    usage: 'gauntlet up [--free-ports] [--chaos [--toxiproxy URL|docker]]',
    options: FLAGS.up,
    run: () => import('./up.js'),
  },
  {
    name: 'load',
    summary: 'Run load suites (k6 vocabulary) against the system, or one URL at a fixed rate',
    usage:
      'gauntlet load [SUITE|DIR...] [--target URL] [--engine builtin|vegeta] [--baseline FILE] [--workers N|auto] [--json] | gauntlet load URL --rate N --duration 10s [--method M] [--header "N: v"]... [--body FILE]',
    options: FLAGS.load,
    run: () => import('./load.js'),
  },
  {
    name: 'verify',
    summary:
      'Verify a running provider against consumer pacts (Pact core), its OpenAPI/RAML contract, or a Postman collection’s own tests (newman)',
    usage:
      'gauntlet verify pact --provider NAME [--base-url URL] [--pacts PATH]... [--states MODULE] [--header "N: v"]... [--broker-url URL] [--json] | gauntlet verify openapi --spec FILE --base-url URL [--cases N] [--seed S] [--checks LIST] [--phases LIST] [--allow-remote] [--json] | gauntlet verify postman COLLECTION --base-url URL [--var name=value]... [--timeout MS] [--junit FILE] [--report FILE] [--allow-remote] [--json]',
    options: FLAGS.verify,
    run: () => import('./verify.js'),
  },
  {
    name: 'generate',
    summary:
      'Generate a typed client (openapi-fetch), MSW handlers, or a k6 script of a load suite',
    usage:
      'gauntlet generate client SPEC|SERVICE --out DIR [--name NAME] [--no-validators] [--json] | gauntlet generate msw CONTRACT... --out FILE [--base-url URL] [--runtime MODULE] [--json] | gauntlet generate k6 SUITE --out FILE [--base-url URL] [--json]',
    options: FLAGS.generate,
    run: () => import('./generate.js'),
  },
  {
    name: 'export',
    summary: 'Write a contract as a Hoverfly simulation, a Pact V4 file or a Postman collection',
    usage: 'gauntlet export hoverfly|pact|postman CONTRACT --out FILE [--json]',
    options: FLAGS.export,
    run: () => import('./export.js'),
  },
  {
    name: 'record',
    summary: 'Proxy a real service and record each exchange as a Hoverfly simulation or a pact',
    usage:
      'gauntlet record --target URL --out FILE [--port P] [--format hoverfly|pact] [--consumer C --provider P] [--redact header,...] [--json]',
    options: FLAGS.record,
    run: () => import('./record.js'),
  },
  {
    name: 'setup',
    summary:
      'Install the pinned Go tools (toxiproxy, vegeta, oasdiff, hoverfly) into .gauntlet/bin',
    usage: 'gauntlet setup [--only NAME[,NAME]]... [--force] [--json]',
    options: FLAGS.setup,
    run: () => import('./setup.js'),
  },
  {
    name: 'image',
    summary: 'Build the container images: toxiproxy, hoverfly, mock (gauntlet mock on Node)',
    usage: 'gauntlet image build [toxiproxy|hoverfly|mock]... [--offline] [--json]',
    options: FLAGS.image,
    run: () => import('./image.js'),
  },
  {
    name: 'doctor',
    summary: 'Check the tools, Node, npm, Go and Docker that Gauntlet uses',
    usage: 'gauntlet doctor [--json]',
    options: FLAGS.doctor,
    run: () => import('./doctor.js'),
  },
  ...GATE_COMMANDS,
];
