import { diffSpecs, formatDiffMarkdown, formatDiffText } from '../../index.js';
import type { CommandContext } from '../command.js';

const USAGE =
  'gauntlet diff BASE HEAD [--pacts PATH]... [--provider NAME] [--fail-on breaking|consumers] [--format text|markdown|json] [--json] [--all]';

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * `gauntlet diff BASE HEAD`: breaking changes from BASE to HEAD (files or `<ref>:<path>`), by
 * oasdiff, checked against consumer pacts (`--pacts`). Exit 1 on breaking changes, 2 when BASE or
 * HEAD cannot be read.
 */
export default async function diff(ctx: CommandContext): Promise<number> {
  const [base, head, ...extra] = ctx.positionals;
  if (base === undefined || head === undefined || extra.length > 0) {
    ctx.stderr(
      `[gauntlet] diff takes exactly two specs, BASE and HEAD (GAUNTLET_E_USAGE).\nUsage: ${USAGE}\n`,
    );
    return 2;
  }
  const format = ctx.values.json === true ? 'json' : String(ctx.values.format);
  const failOn = ctx.values['fail-on'];
  if (
    !['text', 'markdown', 'json'].includes(format) ||
    (failOn !== 'breaking' && failOn !== 'consumers')
  ) {
    ctx.stderr(
      `[gauntlet] --format is text, markdown or json; --fail-on is breaking or consumers (GAUNTLET_E_USAGE).\nUsage: ${USAGE}\n`,
    );
    return 2;
  }
  const provider = typeof ctx.values.provider === 'string' ? ctx.values.provider : undefined;
  const result = await diffSpecs(base, head, {
    cwd: ctx.cwd,
    env: ctx.env,
    pacts: list(ctx.values.pacts),
    failOn,
    ...(provider !== undefined ? { provider } : {}),
  });
  if (result.kind === 'skipped') {
    ctx.stderr(
      `[gauntlet] Failed to read the base spec: because ${result.reason}. Fetch the ref (git fetch origin main) or fix the path (GAUNTLET_E_GIT_REF).\n`,
    );
    return 2;
  }
  const { report } = result;
  if (format === 'json') ctx.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'markdown') ctx.stdout(formatDiffMarkdown(report));
  else ctx.stdout(formatDiffText(report, { info: ctx.values.all === true }));
  return report.passed ? 0 : 1;
}
