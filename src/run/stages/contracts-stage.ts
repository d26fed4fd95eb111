import type { GauntletConfig } from '../../config.js';
import { lintService } from '../../lint/lint.js';
import type { Diagnostic, LoadedSource } from '../../model/index.js';
import { stageResult } from '../stage-result.js';
import type { Check, Stage } from '../types.js';

/** The contracts the stage checks: `run.contracts`, else every path named under `services`. */
export function contractPaths(config: GauntletConfig): string[] {
  if (config.run?.contracts) return config.run.contracts;
  const paths = new Set<string>();
  for (const service of Object.values(config.services ?? {})) {
    for (const path of service.contracts ?? []) paths.add(path);
    for (const dep of service.dependsOn ?? [])
      for (const path of dep.contracts ?? []) paths.add(path);
  }
  return [...paths];
}

/** The loader's and lint's findings of one source, each once. */
function findings(source: LoadedSource): Diagnostic[] {
  const seen = new Set<string>();
  const all = [
    ...source.diagnostics,
    ...(source.service?.diagnostics ?? []),
    ...(source.service ? lintService(source.service) : []),
  ];
  return all.filter((d) => {
    const key = JSON.stringify([d.code, d.severity, d.message, d.path]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(source: LoadedSource): string {
  const service = source.service;
  if (!service) return source.format ?? 'not loaded';
  const parts: string[] = [service.format];
  if (service.operations.length > 0) parts.push(`${service.operations.length} operations`);
  if (service.webhooks.length > 0) parts.push(`${service.webhooks.length} webhooks`);
  if (service.interactions.length > 0) parts.push(`${service.interactions.length} interactions`);
  if (service.messages.length > 0) parts.push(`${service.messages.length} messages`);
  return parts.join(', ');
}

/** Loads every contract (inspect) and lints it: one check per file, failed on any error. */
export const contractsStage: Stage = {
  name: 'contracts',
  title: 'Contracts load and lint',
  async run(ctx) {
    const started = performance.now();
    const paths = contractPaths(ctx.config);
    if (paths.length === 0) {
      return stageResult(
        this,
        [{ name: 'contracts', status: 'skipped', message: 'no contracts named in the config' }],
        started,
      );
    }
    const sources = await ctx.load(paths);
    const checks: Check[] = [];
    let errors = 0;
    let warnings = 0;
    for (const source of sources) {
      if (source.skipped !== undefined) {
        checks.push({ name: source.file, status: 'skipped', message: source.skipped });
        continue;
      }
      const found = findings(source);
      const fileErrors = found.filter((d) => d.severity === 'error');
      const fileWarnings = found.filter((d) => d.severity === 'warning');
      errors += fileErrors.length;
      warnings += fileWarnings.length;
      const failed = fileErrors.length > 0 || !source.service;
      const counts =
        found.length === 0
          ? 'no findings'
          : `${fileErrors.length} errors, ${fileWarnings.length} warnings`;
      checks.push({
        name: source.file,
        status: failed ? 'failed' : 'passed',
        message: failed
          ? `${counts}; first: ${fileErrors[0]?.message ?? 'it did not load'}`
          : `${describe(source)}; ${counts}`,
        ...(found.length > 0 ? { details: found } : {}),
      });
    }
    return stageResult(
      this,
      checks,
      started,
      `${checks.length} contracts: ${errors} errors, ${warnings} warnings`,
    );
  },
};
