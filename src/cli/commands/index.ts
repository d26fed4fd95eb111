import type { CommandSpec } from '../command.js';

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
];
