import { hasErrors, type LoadedSource } from '../../index.js';
import type { CommandContext } from '../command.js';
import { formatDiagnostic, loadWithProgress, requirePaths } from '../output.js';

/** The JSON shape of `gauntlet inspect --json` (documented in the README). */
export interface InspectSource {
  file: string;
  format: string | null;
  service: string | null;
  operations: Array<{ method: string; path: string }>;
  interactions: number;
  messages: number;
  diagnostics: LoadedSource['diagnostics'];
}

/** Summarises one loaded source for `inspect`. */
export function summarise(source: LoadedSource): InspectSource {
  const service = source.service;
  return {
    file: source.file,
    format: source.format ?? service?.format ?? null,
    service: service?.name ?? null,
    operations: (service?.operations ?? []).map((o) => ({ method: o.method, path: o.path })),
    // Hoverfly pairs are request/response stubs, as pact HTTP interactions are.
    interactions: (service?.interactions.length ?? 0) + (service?.hoverfly?.pairs.length ?? 0),
    messages: service?.messages.length ?? 0,
    // Loaders put every finding in source.diagnostics; service.diagnostics repeats the non-fatal ones.
    diagnostics: source.diagnostics,
  };
}

export default async function inspect(ctx: CommandContext): Promise<number> {
  const usage = 'gauntlet inspect PATH... [--strict] [--json]';
  const paths = requirePaths(ctx, usage);
  if (!paths) return 2;
  const json = ctx.values.json === true;
  const sources = await loadWithProgress(ctx, paths, json);
  const loaded = sources.filter((s) => !s.skipped).map(summarise);
  const skipped = sources
    .filter((s) => s.skipped)
    .map((s) => ({ file: s.file, reason: s.skipped }));
  const failed = loaded.filter((s) => s.service === null || hasErrors(s.diagnostics));
  if (json) {
    ctx.stdout(`${JSON.stringify({ sources: loaded, skipped }, null, 2)}\n`);
  } else {
    for (const s of loaded) {
      const head = s.service
        ? `${s.file}  ${s.format}  ${s.service}`
        : `${s.file}  ${s.format ?? 'unrecognised'}  NOT LOADED`;
      ctx.stdout(`${head}\n`);
      if (s.service) {
        const counts = [`${s.operations.length} operations`];
        if (s.interactions) counts.push(`${s.interactions} interactions`);
        if (s.messages) counts.push(`${s.messages} messages`);
        ctx.stdout(`  ${counts.join(', ')}\n`);
        for (const op of s.operations) ctx.stdout(`  ${op.method.padEnd(7)} ${op.path}\n`);
      }
      for (const d of s.diagnostics) ctx.stdout(`  ${formatDiagnostic(d)}\n`);
    }
    for (const s of skipped) ctx.stdout(`${s.file}  skipped: ${s.reason}\n`);
    ctx.stdout(
      `\n${loaded.length - failed.length} loaded, ${failed.length} invalid, ${skipped.length} skipped\n`,
    );
  }
  return failed.length > 0 ? 1 : 0;
}
