import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gitHead, readComparables } from '../../index.js';
import type { CommandContext } from '../command.js';
import { requirePaths } from '../output.js';
import { registryFromFlags, stringFlag } from './registry-flags.js';

const USAGE =
  'gauntlet publish PACTS... [--consumer-version V] [--branch B] [--registry DIR | --broker-url URL ...] [--json]';

/**
 * `gauntlet publish PACTS...`: records pact files (or folders of them) in the registry under the
 * consumer version (default: the git sha) and branch (default: the git branch).
 */
export default async function publish(ctx: CommandContext): Promise<number> {
  const paths = requirePaths(ctx, USAGE);
  if (!paths) return 2;
  const head = await gitHead(ctx.cwd);
  const version = stringFlag(ctx, 'consumer-version') ?? ctx.env.GAUNTLET_VERSION ?? head?.sha;
  if (!version) {
    ctx.stderr(
      `[gauntlet] Failed to publish: because no --consumer-version was given and this is not a git repository. Pass --consumer-version (GAUNTLET_E_USAGE).\n`,
    );
    return 2;
  }
  const branch = stringFlag(ctx, 'branch') ?? head?.branch;
  const { pacts } = await readComparables(paths, ctx.cwd);
  if (pacts.length === 0) {
    ctx.stderr(
      `[gauntlet] Failed to publish: because no pact files were found in ${paths.join(', ')}. Pass pact JSON files or their folder (GAUNTLET_E_USAGE).\n`,
    );
    return 2;
  }
  // Publish the bytes as written, not a re-serialisation.
  const withText = await Promise.all(
    pacts.map(async (p) => ({
      file: p.file,
      pact: JSON.parse(await readFile(resolve(ctx.cwd, p.file), 'utf8')) as unknown,
    })),
  );
  const registry = registryFromFlags(ctx);
  const out = await registry.publish({
    pacts: withText,
    consumerVersion: version,
    ...(branch ? { branch } : {}),
  });
  if (ctx.values.json === true) {
    ctx.stdout(
      `${JSON.stringify({ registry: registry.location, consumerVersion: version, branch: branch ?? null, published: out }, null, 2)}\n`,
    );
  } else {
    for (const p of out)
      ctx.stdout(
        `published ${p.consumer} → ${p.provider} at ${p.consumerVersion}${branch ? ` (${branch})` : ''} to ${registry.location}\n`,
      );
  }
  return 0;
}
