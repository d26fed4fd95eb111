import { formatCanIDeploy } from '../../index.js';
import type { CommandContext } from '../command.js';
import { registryFromFlags, stringFlag } from './registry-flags.js';

const USAGE = 'gauntlet can-i-deploy --pacticipant X --version V --to-environment E [--json]';

/** `gauntlet can-i-deploy`: answers from the matrix, with the reasons; exit 1 when not safe. */
export default async function canIDeployCommand(ctx: CommandContext): Promise<number> {
  const pacticipant = stringFlag(ctx, 'pacticipant');
  const version = stringFlag(ctx, 'version');
  const environment = stringFlag(ctx, 'to-environment');
  if (!pacticipant || !version || !environment) {
    ctx.stderr(
      `[gauntlet] can-i-deploy needs --pacticipant, --version and --to-environment (GAUNTLET_E_USAGE).\nUsage: ${USAGE}\n`,
    );
    return 2;
  }
  const query = { pacticipant, version, environment };
  const result = await registryFromFlags(ctx).canIDeploy(query);
  if (ctx.values.json === true) ctx.stdout(`${JSON.stringify({ ...query, ...result }, null, 2)}\n`);
  else ctx.stdout(formatCanIDeploy(query, result));
  return result.deployable ? 0 : 1;
}
