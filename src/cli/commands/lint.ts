import { type Diagnostic, hasErrors, type LoadedSource, lintService } from '../../index.js';
import type { CommandContext } from '../command.js';
import { loadWithProgress, requirePaths } from '../output.js';

/** The JSON shape of `gauntlet lint --json`. */
export interface LintReport {
  sources: Array<{ file: string; format: string | null; diagnostics: Diagnostic[] }>;
  skipped: Array<{ file: string; reason: string }>;
}

/** Loader findings plus lint findings of one source, each once. */
function findings(source: LoadedSource): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const all = [
    ...source.diagnostics,
    ...(source.service?.diagnostics ?? []),
    ...(source.service ? lintService(source.service) : []),
  ];
  for (const d of all) {
    const key = JSON.stringify([d.code, d.severity, d.message, d.path]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/** `file:line:col severity code message`, the file alone when the line is unknown. */
function formatLine(file: string, d: Diagnostic): string {
  const loc = d.location;
  let where = loc?.file ?? file;
  if (loc?.line !== undefined)
    where += `:${loc.line}${loc.column !== undefined ? `:${loc.column}` : ''}`;
  return `${where} ${d.severity} ${d.code} ${d.message}`;
}

/**
 * `gauntlet lint PATH... [--strict] [--json]`: loads every contract and prints the loader's and lint's
 * findings. Exit 1 when any finding is an error, 0 otherwise, 2 without paths.
 */
export default async function lint(ctx: CommandContext): Promise<number> {
  const paths = requirePaths(ctx, 'gauntlet lint PATH... [--strict] [--json]');
  if (!paths) return 2;
  const json = ctx.values.json === true;
  const sources = await loadWithProgress(ctx, paths, json, 'linting');
  const report: LintReport = { sources: [], skipped: [] };
  for (const source of sources) {
    if (source.skipped !== undefined) {
      report.skipped.push({ file: source.file, reason: source.skipped });
      continue;
    }
    report.sources.push({
      file: source.file,
      format: source.format ?? null,
      diagnostics: findings(source),
    });
  }
  const failed = report.sources.some((s) => hasErrors(s.diagnostics));
  if (json) {
    ctx.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  let errors = 0;
  let warnings = 0;
  for (const source of report.sources) {
    if (source.diagnostics.length === 0) {
      ctx.stdout(`${source.file}: ok\n`);
      continue;
    }
    for (const d of source.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      ctx.stdout(`${formatLine(source.file, d)}\n`);
    }
  }
  for (const s of report.skipped) ctx.stdout(`${s.file}: skipped (${s.reason})\n`);
  ctx.stdout(
    `\n${report.sources.length} linted, ${report.skipped.length} skipped: ${errors} errors, ${warnings} warnings\n`,
  );
  return failed ? 1 : 0;
}
