import type { FlagTable, FlagValues } from './flags.js';

/** What every command gets: its parsed flags and positionals, and where to print. */
export interface CommandContext {
  positionals: string[];
  /** The flags as given, with each flag's static `default` (src/cli/flags.ts) filled in. */
  values: FlagValues;
  /** The flags the command line gave (not filled in from a default). */
  given: ReadonlySet<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** A CLI command: flags declared once, the body lazy-imported so `gauntlet --help` stays instant. */
export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  /** Its flags: an entry of FLAGS (src/cli/flags.ts). */
  options: FlagTable;
  /** Returns the exit code: 0 ok, 1 check failed, 2 usage/config error. */
  run: () => Promise<{ default: (ctx: CommandContext) => Promise<number> }>;
}
