import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GauntletError, loadServices, toPostmanCollection, writeAtomicSync } from '../../index.js';
import type { CommandContext } from '../command.js';

const USAGE = 'gauntlet export postman CONTRACT --out FILE [--json]';

function usageError(message: string): GauntletError {
  return new GauntletError('GAUNTLET_E_USAGE', message, { hint: `Usage: ${USAGE}` });
}

/**
 * `gauntlet export postman CONTRACT --out FILE`: one contract (OpenAPI, RAML, pact, Hoverfly or a
 * collection) as a Postman Collection v2.1, with a saved example per response and a test script
 * per request. Exit 0 when written, 2 on usage errors or a contract that does not load.
 */
export async function exportPostman(ctx: CommandContext): Promise<number> {
  const [target, contract, ...rest] = ctx.positionals;
  if (target !== 'postman')
    throw usageError(
      `Failed to export: because ${target === undefined ? 'no format was given' : `"${target}" is not a format this command writes`} (postman).`,
    );
  if (contract === undefined || rest.length > 0)
    throw usageError('Failed to export: because it takes exactly one CONTRACT file.');
  const out = ctx.values.out;
  if (typeof out !== 'string' || out === '')
    throw usageError('Failed to export: because --out FILE is missing.');
  const [service] = await loadServices([contract], ctx.cwd, `export ${contract}`);
  const { collection, skipped } = toPostmanCollection(service!);
  const file = resolve(ctx.cwd, out);
  mkdirSync(dirname(file), { recursive: true });
  writeAtomicSync(file, `${JSON.stringify(collection, null, 2)}\n`);
  const requests = collection.item.reduce((n, i) => n + ('item' in i ? i.item.length : 1), 0);
  if (ctx.values.json === true) {
    ctx.stdout(
      `${JSON.stringify({ file: out, format: 'postman-2.1', requests, skipped }, null, 2)}\n`,
    );
  } else {
    ctx.stdout(`wrote ${out}: ${requests} request(s) from ${service!.file}\n`);
    for (const s of skipped) ctx.stderr(`[gauntlet] left out: ${s}\n`);
  }
  return 0;
}
