import { checkCompat, formatCompatText, readComparables } from '../../index.js';
import type { CommandContext } from '../command.js';
import { progress, requirePaths } from '../output.js';

const USAGE = 'gauntlet compat PATH... [--provider NAME] [--json]';

/**
 * `gauntlet compat PATH...`: every consumer pact under PATH against its provider's OpenAPI/RAML
 * under PATH (paired by provider name, or all onto `--provider`), without running anything.
 * Exit 1 when an interaction is not a valid use of the spec.
 */
export default async function compat(ctx: CommandContext): Promise<number> {
  const paths = requirePaths(ctx, USAGE);
  if (!paths) return 2;
  const json = ctx.values.json === true;
  const { specs, pacts, diagnostics } = await readComparables(paths, ctx.cwd);
  const bar = progress(ctx, !json);
  const provider = typeof ctx.values.provider === 'string' ? ctx.values.provider : undefined;
  const report = await checkCompat(specs, pacts, {
    ...(provider !== undefined ? { provider } : {}),
    onProgress: (done, total, label) => bar.update(`[${done}/${total}] ${label}`),
  });
  bar.done();
  report.diagnostics.unshift(...diagnostics);
  if (json) ctx.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else ctx.stdout(formatCompatText(report));
  const unreadable = diagnostics.some((d) => d.severity === 'error');
  return report.passed && !unreadable ? 0 : 1;
}
