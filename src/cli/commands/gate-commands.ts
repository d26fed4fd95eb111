import type { CommandSpec } from '../command.js';
import { FLAGS } from '../flags.js';

// The CI-gate commands (compat, diff, registry, ci), spread into COMMANDS.

/** The gate commands, in the order `gauntlet --help` lists them. */
export const GATE_COMMANDS: CommandSpec[] = [
  {
    name: 'compat',
    summary: 'Check consumer pacts against their provider OpenAPI/RAML, without running anything',
    usage: 'gauntlet compat PATH... [--provider NAME] [--json]',
    options: FLAGS.compat,
    run: () => import('./compat.js'),
  },
  {
    name: 'diff',
    summary:
      'Breaking changes between two versions of a spec (oasdiff), and which consumers they break',
    usage:
      'gauntlet diff BASE HEAD [--pacts PATH]... [--provider NAME] [--fail-on breaking|consumers] [--format text|markdown|json] [--json]',
    options: FLAGS.diff,
    run: () => import('./diff.js'),
  },
  {
    name: 'publish',
    summary: 'Record consumer pacts in the registry (embedded, or a Pact Broker)',
    usage:
      'gauntlet publish PACTS... [--consumer-version V] [--branch B] [--registry DIR | --broker-url URL [--broker-token T | --broker-username U --broker-password P]] [--json]',
    options: FLAGS.publish,
    run: () => import('./publish.js'),
  },
  {
    name: 'record-deployment',
    summary: 'Record that a version of an application now runs in an environment',
    usage:
      'gauntlet record-deployment --pacticipant X --version V --environment E [--broker-url URL ...] [--json]',
    options: FLAGS['record-deployment'],
    run: () => import('./record-deployment.js'),
  },
  {
    name: 'can-i-deploy',
    summary:
      'Is this version safe to deploy to an environment? (exit 1 when not, with the reasons)',
    usage:
      'gauntlet can-i-deploy --pacticipant X --version V --to-environment E [--broker-url URL ...] [--json]',
    options: FLAGS['can-i-deploy'],
    run: () => import('./can-i-deploy.js'),
  },
  {
    name: 'ci',
    summary:
      'The merge gate: lint → diff → compat → verify → publish → can-i-deploy, with JUnit/markdown/HTML reports',
    usage: 'gauntlet ci [--base REF] [--report-dir reports] [--json]',
    options: FLAGS.ci,
    run: () => import('./ci.js'),
  },
];
