import type { ErrorCode } from '../index.js';
import type { CommandContext, CommandSpec } from './command.js';
import { COMMANDS } from './commands/index.js';
import { defaultText, type ParsedFlags, parseFlags } from './flags.js';

/** Errors that mean "the command was asked wrongly" exit 2; the rest mean "a check failed" (1). */
const USAGE_CODES = new Set<ErrorCode>([
  'GAUNTLET_E_USAGE',
  'GAUNTLET_E_CONFIG',
  'GAUNTLET_E_FILE_NOT_FOUND',
  'GAUNTLET_E_LOAD_SUITE',
  'GAUNTLET_E_EXPORT',
  'GAUNTLET_E_CHAOS_EXPERIMENT',
]);

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'gauntlet: contract testing and service virtualization',
    '',
    'Usage: gauntlet <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `gauntlet <command> --help` for a command’s options.',
    '',
  ].join('\n');
}

function commandHelp(spec: CommandSpec): string {
  const opts = Object.entries(spec.options).map(([name, o]) => {
    const flag = o.short ? `-${o.short}, --${name}` : `    --${name}`;
    const arg = o.type === 'string' ? ' <value>' : '';
    const fallback = defaultText(o);
    return `  ${`${flag}${arg}`.padEnd(28)} ${o.description}${fallback ? ` (default: ${fallback})` : ''}`;
  });
  return [`Usage: ${spec.usage}`, '', spec.summary, '', 'Options:', ...opts, ''].join('\n');
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code.
 * Prints `[gauntlet] message (CODE)` for user errors, never a stack trace.
 *
 * @example
 * process.exitCode = await main(['inspect', 'contracts/', '--json']);
 */
export async function main(
  argv: string[],
  io: Partial<Pick<CommandContext, 'stdout' | 'stderr' | 'cwd' | 'env'>> = {},
): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => process.stderr.write(text));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    stdout(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    stdout('0.1.0\n');
    return 0;
  }
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) {
    stderr(
      `[gauntlet] Unknown command "${name}" (GAUNTLET_E_USAGE). Run \`gauntlet --help\` for the list.\n`,
    );
    return 2;
  }
  let parsed: ParsedFlags;
  try {
    parsed = parseFlags(spec.options, rest);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    stderr(`[gauntlet] ${message} (GAUNTLET_E_USAGE)\nUsage: ${spec.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    stdout(commandHelp(spec));
    return 0;
  }
  const { positionals, values, given } = parsed;
  const ctx: CommandContext = {
    positionals,
    values,
    given,
    stdout,
    stderr,
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
  };
  try {
    const command = await spec.run();
    return await command.default(ctx);
  } catch (error) {
    // Loaded here, not at the top: `gauntlet --help` must not load the whole API (the command
    // that threw has loaded it already).
    const { ERROR_CODES, isGauntletError } = await import('../index.js');
    if (isGauntletError(error)) {
      stderr(`[gauntlet] ${error.message} (${error.code})\n`);
      if (error.hint) stderr(`  ${error.hint}\n`);
      return USAGE_CODES.has(error.code) ? 2 : 1;
    }
    stderr(
      `[gauntlet] Internal error in \`gauntlet ${name}\` (GAUNTLET_E_INTERNAL): ${ERROR_CODES.GAUNTLET_E_INTERNAL}\n`,
    );
    stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 70;
  }
}
