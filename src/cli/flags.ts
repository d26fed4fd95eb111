/**
 * Every flag of every command, declared once: name, type, whether it repeats, its default and a
 * description. The CLI parses with this table and fills in each `default` (commands hold no
 * fallbacks of their own); `gauntlet <command> --help` and the CLI reference print from it. It is
 * plain data, importable without loading any command.
 */

import { parseArgs } from 'node:util';

interface FlagBase {
  short?: string;
  description: string;
  /**
   * For a default that is worked out when the command runs (from gauntlet.config.ts, git, the
   * environment or another flag): what it is, for --help and the reference. Not applied by parsing.
   */
  defaultFrom?: string;
}

/** A flag that takes a value; `default` is filled in when the flag is not given. */
export interface StringFlagSpec extends FlagBase {
  type: 'string';
  multiple?: false;
  default?: string;
}

/** A repeatable flag that takes a value. */
export interface ListFlagSpec extends FlagBase {
  type: 'string';
  multiple: true;
  default?: readonly string[];
}

/** An on/off flag; absent means off unless it has `default: true`. */
export interface BooleanFlagSpec extends FlagBase {
  type: 'boolean';
  multiple?: false;
  default?: boolean;
}

/** One flag, as node:util parseArgs reads it, plus its default and description for people. */
export type FlagSpec = StringFlagSpec | ListFlagSpec | BooleanFlagSpec;

export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** What a command gets for its flags: the given values with every static default filled in. */
export type FlagValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/**
 * Fills in the `default` of every flag the command line left out, and says which flags were given.
 *
 * @example
 * withDefaults(FLAGS.record, { out: 'x.json' })
 * // → { values: { out: 'x.json', port: '0', host: '127.0.0.1', format: 'hoverfly' }, given: Set {'out'} }
 */
export function withDefaults(
  table: FlagTable,
  parsed: FlagValues,
): { values: FlagValues; given: ReadonlySet<string> } {
  const values: FlagValues = { ...parsed };
  for (const [name, spec] of Object.entries(table)) {
    if (values[name] === undefined && spec.default !== undefined) {
      values[name] = typeof spec.default === 'object' ? [...spec.default] : spec.default;
    }
  }
  return { values, given: new Set(Object.keys(parsed)) };
}

/** A command line read on a command's flag table. */
export interface ParsedFlags {
  positionals: string[];
  /** The flags as given (`help` included), with each static default filled in. */
  values: FlagValues;
  /** The flags the command line gave. */
  given: ReadonlySet<string>;
}

/**
 * Reads a command's arguments on its flag table, as `gauntlet` does: strict (an unknown flag or a
 * missing value throws parseArgs' error), positionals allowed, `--help`/`-h` known; then fills in
 * the static defaults, so `given` still says what the command line set.
 *
 * @example
 * parseFlags(FLAGS.record, ['--out', 'x.json']).values.port // → '0'
 */
export function parseFlags(table: FlagTable, args: readonly string[]): ParsedFlags {
  const parsed = parseArgs({
    args: [...args],
    // Defaults are not given to parseArgs: filled in after, they do not count as given.
    options: {
      ...Object.fromEntries(
        Object.entries(table).map(([name, { type, multiple, short }]) => [
          name,
          { type, ...(multiple ? { multiple } : {}), ...(short ? { short } : {}) },
        ]),
      ),
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  return { positionals: parsed.positionals, ...withDefaults(table, parsed.values) };
}

/** How --help and the CLI reference show a flag's default: `value`, what it comes from, or ''. */
export function defaultText(spec: FlagSpec): string {
  if (spec.default !== undefined) {
    return typeof spec.default === 'object' ? spec.default.join(', ') : String(spec.default);
  }
  return spec.defaultFrom ?? '';
}

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
  port: {
    type: 'string',
    description: 'Port to listen on (0 picks a free one)',
    defaultFrom: 'mock.port of gauntlet.config.ts, else 4010',
  },
  host: { type: 'string', default: '127.0.0.1', description: 'Address to bind' },
  ports: {
    type: 'boolean',
    description: 'Give each service its own port, counting up from --port',
  },
  validate: {
    type: 'string',
    description: 'Request validation: on (4xx), warn, off',
    defaultFrom: 'on',
  },
  'no-validate': { type: 'boolean', description: 'Same as --validate=off' },
  'no-cors': { type: 'boolean', description: 'Do not answer CORS preflights or add CORS headers' },
  seed: { type: 'string', description: 'Seed for generated bodies', defaultFrom: '0' },
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
    description: 'Bearer token for the admin API (needed off loopback)',
    defaultFrom: '$GAUNTLET_ADMIN_TOKEN',
  },
  'journal-size': {
    type: 'string',
    description: 'Requests kept in the journal',
    defaultFrom: '10000 (the Hoverfly engine: 1000)',
  },
  engine: {
    type: 'string',
    default: 'gauntlet',
    description:
      'Who answers: gauntlet or hoverfly (the real Hoverfly serves the simulations; log and misses from its journal)',
  },
} as const;

/** `gauntlet run` flags. */
const runFlags = {
  stage: { type: 'string', multiple: true, description: 'Run only these stages (repeatable)' },
  'report-dir': {
    type: 'string',
    description: 'Where index.html and summary.json go',
    defaultFrom: 'run.reportDir of gauntlet.config.ts, else reports',
  },
} as const;

/** `gauntlet chaos` flags. */
const chaosFlags = {
  toxiproxy: {
    type: 'string',
    description: 'A running Toxiproxy (URL) or `docker`',
    defaultFrom: 'start .gauntlet/bin/toxiproxy-server',
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
    description: 'Where the chaos reports go',
    defaultFrom: 'chaos.reportDir of gauntlet.config.ts, else reports/chaos',
  },
} as const;

/** `gauntlet dev` flags. */
const devFlags = {
  real: {
    type: 'string',
    multiple: true,
    description: 'Start this dependency for real instead of mocked (repeatable)',
  },
  port: {
    type: 'string',
    description: "The service's port (0 = free)",
    defaultFrom: 'its port in gauntlet.config.ts',
  },
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
    description: 'With --chaos: a running Toxiproxy (URL) or `docker`',
    defaultFrom: 'start .gauntlet/bin/toxiproxy-server',
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
  'base-url': {
    type: 'string',
    description: 'msw, k6: the base URL requests go to (k6: BASE_URL)',
  },
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
  port: { type: 'string', default: '0', description: 'Port to listen on (0: a free one)' },
  host: { type: 'string', default: '127.0.0.1', description: 'Address to bind' },
  format: {
    type: 'string',
    default: 'hoverfly',
    description: 'hoverfly (v5.3 simulation) or pact (V4)',
  },
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
    description: 'Provider name of the spec in the pacts',
    defaultFrom: "the spec's title",
  },
  'fail-on': {
    type: 'string',
    default: 'breaking',
    description: 'breaking (any breaking change) or consumers (only changes a consumer relies on)',
  },
  format: { type: 'string', default: 'text', description: 'text, markdown (PR comment) or json' },
  all: { type: 'boolean', description: 'Also list the non-breaking changes' },
} as const;

const publishFlags = {
  'consumer-version': {
    type: 'string',
    description: 'Consumer version',
    defaultFrom: '$GAUNTLET_VERSION, else the git sha',
  },
  branch: { type: 'string', description: 'Consumer branch', defaultFrom: 'the git branch' },
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
    description: 'Base ref to diff against',
    defaultFrom: '$GAUNTLET_BASE_REF, else origin/main, else main',
  },
  'report-dir': {
    type: 'string',
    description: 'Where reports go',
    defaultFrom: 'ci.reportDir (or run.reportDir) of gauntlet.config.ts, else reports',
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
  cases: { type: 'string', default: '5', description: 'openapi: generated cases per operation' },
  seed: { type: 'string', default: '0', description: 'openapi: seed for generated cases' },
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
  timeout: { type: 'string', default: '10000', description: 'postman: per-request timeout in ms' },
  junit: { type: 'string', description: 'Also write a JUnit XML report to FILE' },
  report: { type: 'string', description: 'Also write the JSON report to FILE' },
} as const;

/** The flags every registry command takes. */
const registryFlags = {
  registry: {
    type: 'string',
    description: 'Embedded registry folder',
    defaultFrom: '.gauntlet/registry (unless a broker URL is given)',
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
  engine: {
    type: 'string',
    default: 'builtin',
    description: 'builtin or vegeta (constant-rate requests)',
  },
  baseline: { type: 'string', description: 'Save figures here, or compare with them if it exists' },
  tolerance: {
    type: 'string',
    default: '10',
    description: 'Regression allowed against --baseline, in %',
  },
  'report-dir': {
    type: 'string',
    description: 'Where the reports go',
    defaultFrom: 'reports/load next to gauntlet.config.ts',
  },
  rate: { type: 'string', default: '100', description: 'quick mode: requests per second' },
  duration: { type: 'string', default: '10s', description: 'quick mode: how long, e.g. 10s' },
  method: {
    type: 'string',
    description: 'quick mode: HTTP method',
    defaultFrom: 'GET; POST with --body',
  },
  header: { type: 'string', multiple: true, description: 'quick mode: "Name: value" (repeatable)' },
  body: { type: 'string', description: 'quick mode: file sent as the request body' },
  'max-vus': {
    type: 'string',
    description: 'quick mode: requests in flight at most (dropped past it)',
    defaultFrom: '--rate, within 50 to 1000',
  },
  workers: {
    type: 'string',
    default: 'auto',
    description:
      'Threads driving open-model scenarios of plain requests (auto: 1 below 2000 req/s, else one per core up to 4)',
  },
} as const;

/** `gauntlet init` flags. */
const initFlags = {
  ci: {
    type: 'string',
    description: 'The CI template to write: github, gitlab or none',
    defaultFrom: 'asked (with --yes: detected)',
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
