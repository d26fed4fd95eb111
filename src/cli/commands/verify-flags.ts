/** `gauntlet verify` flags (a const of its own so `--help` does not load the command). */
export const verifyFlags = {
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
