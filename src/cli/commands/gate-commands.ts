import type { CommandSpec } from '../command.js';
import { REGISTRY_FLAGS } from './registry-flags.js';

// The CI-gate commands (compat, diff, registry, ci), declared here and spread into COMMANDS so
// the table in index.ts gets one line for the whole group.

const json = { type: 'boolean', description: 'Print one JSON document on stdout' } as const;

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

/** The gate commands, in the order `gauntlet --help` lists them. */
export const GATE_COMMANDS: CommandSpec[] = [
  {
    name: 'compat',
    summary: 'Check consumer pacts against their provider OpenAPI/RAML, without running anything',
    usage: 'gauntlet compat PATH... [--provider NAME] [--json]',
    options: { provider: compatProvider, json },
    run: () => import('./compat.js'),
  },
  {
    name: 'diff',
    summary:
      'Breaking changes between two versions of a spec (oasdiff), and which consumers they break',
    usage:
      'gauntlet diff BASE HEAD [--pacts PATH]... [--provider NAME] [--fail-on breaking|consumers] [--format text|markdown|json] [--json]',
    options: { ...diffFlags, json },
    run: () => import('./diff.js'),
  },
  {
    name: 'publish',
    summary: 'Record consumer pacts in the registry (embedded, or a Pact Broker)',
    usage:
      'gauntlet publish PACTS... [--consumer-version V] [--branch B] [--registry DIR | --broker-url URL [--broker-token T | --broker-username U --broker-password P]] [--json]',
    options: { ...publishFlags, ...REGISTRY_FLAGS, json },
    run: () => import('./publish.js'),
  },
  {
    name: 'record-deployment',
    summary: 'Record that a version of an application now runs in an environment',
    usage:
      'gauntlet record-deployment --pacticipant X --version V --environment E [--broker-url URL ...] [--json]',
    options: {
      pacticipant: deploymentFlags.pacticipant,
      version: deploymentFlags.version,
      environment: deploymentFlags.environment,
      ...REGISTRY_FLAGS,
      json,
    },
    run: () => import('./record-deployment.js'),
  },
  {
    name: 'can-i-deploy',
    summary:
      'Is this version safe to deploy to an environment? (exit 1 when not, with the reasons)',
    usage:
      'gauntlet can-i-deploy --pacticipant X --version V --to-environment E [--broker-url URL ...] [--json]',
    options: {
      pacticipant: deploymentFlags.pacticipant,
      version: deploymentFlags.version,
      'to-environment': deploymentFlags['to-environment'],
      ...REGISTRY_FLAGS,
      json,
    },
    run: () => import('./can-i-deploy.js'),
  },
  {
    name: 'ci',
    summary:
      'The merge gate: lint → diff → compat → verify → publish → can-i-deploy, with JUnit/markdown/HTML reports',
    usage: 'gauntlet ci [--base REF] [--report-dir reports] [--json]',
    options: { ...ciFlags, json },
    run: () => import('./ci.js'),
  },
];
