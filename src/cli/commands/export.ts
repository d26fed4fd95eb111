import { EXPORTERS, exportContract } from '../../index.js';
import type { CommandContext } from '../command.js';
import { exportPostman } from './export-postman.js';

export const EXPORT_USAGE = 'gauntlet export hoverfly|pact|postman CONTRACT --out FILE [--json]';

export default async function exportCommand(ctx: CommandContext): Promise<number> {
  const [format, contract, ...extra] = ctx.positionals;
  // Postman collections keep their own command (saved examples, test scripts, what was left out).
  if (format === 'postman') return exportPostman(ctx);
  const formats = [...EXPORTERS.map((e) => e.format), 'postman'];
  if (format !== undefined && !formats.includes(format)) {
    ctx.stderr(
      `[gauntlet] Failed to export: because "${format}" is not a format this command writes (${formats.join(', ')}) (GAUNTLET_E_USAGE).\nUsage: ${EXPORT_USAGE}\n`,
    );
    return 2;
  }
  const out = typeof ctx.values.out === 'string' ? ctx.values.out : undefined;
  if (format === undefined || contract === undefined || extra.length > 0 || out === undefined) {
    const why =
      format === undefined
        ? 'no format was given'
        : contract === undefined
          ? 'no CONTRACT was given'
          : extra.length > 0
            ? `it takes one CONTRACT, not ${extra.length + 1}`
            : '--out is missing';
    ctx.stderr(
      `[gauntlet] Failed to export: because ${why} (GAUNTLET_E_USAGE).\nUsage: ${EXPORT_USAGE}\n`,
    );
    return 2;
  }
  const result = await exportContract({ format, contract, out, cwd: ctx.cwd });
  if (ctx.values.json === true) {
    ctx.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const counts = Object.entries(result.counts)
      .map(([what, n]) => `${n} ${what}`)
      .join(', ');
    ctx.stdout(`${result.service} → ${result.format} (${counts}): ${out}\n`);
  }
  return 0;
}
