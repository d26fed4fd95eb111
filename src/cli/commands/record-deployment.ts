import type { CommandContext } from '../command.js';
import { registryFromFlags, stringFlag } from './registry-flags.js';

const USAGE = 'gauntlet record-deployment --pacticipant X --version V --environment E [--json]';

/** `gauntlet record-deployment`: records that version V of X now runs in environment E. */
export default async function recordDeployment(ctx: CommandContext): Promise<number> {
  const pacticipant = stringFlag(ctx, 'pacticipant');
  const version = stringFlag(ctx, 'version');
  const environment = stringFlag(ctx, 'environment');
  if (!pacticipant || !version || !environment) {
    ctx.stderr(
      `[gauntlet] record-deployment needs --pacticipant, --version and --environment (GAUNTLET_E_USAGE).\nUsage: ${USAGE}\n`,
    );
    return 2;
  }
  const registry = registryFromFlags(ctx);
  const record = await registry.recordDeployment({ pacticipant, version, environment });
  if (ctx.values.json === true) ctx.stdout(`${JSON.stringify(record, null, 2)}\n`);
  else
    ctx.stdout(
      `recorded ${pacticipant} ${version} as deployed to ${environment} (${registry.location})\n`,
    );
  return 0;
}
