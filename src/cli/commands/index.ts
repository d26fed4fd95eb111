import type { CommandSpec } from '../command.js';

const json = { type: 'boolean', description: 'Print one JSON document on stdout' } as const;

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
];
