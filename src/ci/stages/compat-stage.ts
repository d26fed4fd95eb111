import { readComparables } from '../../adapters/compat/read-comparables.js';
import { stageResult } from '../../run/stage-result.js';
import type { Check, Stage } from '../../run/types.js';
import { checkCompat } from '../../verify/compat/check-compat.js';
import { pactPaths, specPaths } from '../gate-context.js';

export const compatStage: Stage = {
  name: 'ci-compat',
  title: 'Consumer pacts against provider specs (compat)',
  async run(ctx) {
    const started = performance.now();
    const { specs, pacts, diagnostics } = await readComparables(
      [...specPaths(ctx), ...pactPaths(ctx)],
      ctx.cwd,
    );
    const report = await checkCompat(specs, pacts);
    const checks: Check[] = report.pairs.map((p) => {
      const errors = p.findings.filter((f) => f.severity === 'error');
      return {
        name: `${p.consumer} → ${p.provider} (${p.pactFile} vs ${p.specFile})`,
        status: p.passed ? 'passed' : 'failed',
        message: p.passed
          ? `${p.interactions} interaction(s) valid${p.messagesSkipped ? `, ${p.messagesSkipped} message(s) left to verify` : ''}`
          : errors.map((f) => `${f.code}: ${f.message}`).join('; '),
        details: p.findings,
      };
    });
    for (const u of report.unpaired)
      checks.push({
        name: `${u.consumer} → ${u.provider} (${u.pactFile})`,
        status: 'skipped',
        message: u.reason,
      });
    for (const d of [...diagnostics, ...report.diagnostics].filter((x) => x.severity === 'error')) {
      checks.push({
        name: d.location?.file ?? d.code,
        status: 'failed',
        message: `${d.code}: ${d.message}`,
      });
    }
    return stageResult(this, checks, started);
  },
};
