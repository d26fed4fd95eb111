import { lintService } from '../../lint/lint.js';
import { stageResult } from '../../run/stage-result.js';
import type { Check, Stage } from '../../run/types.js';
import { pactPaths, specPaths } from '../gate-context.js';

export const lintStage: Stage = {
  name: 'ci-lint',
  title: 'Lint contracts',
  async run(ctx) {
    const started = performance.now();
    const sources = await ctx.load([...specPaths(ctx), ...pactPaths(ctx)]);
    const checks: Check[] = sources
      .filter((s) => s.skipped === undefined)
      .map((s) => {
        const findings = [...s.diagnostics, ...(s.service ? lintService(s.service) : [])];
        const errors = findings.filter((d) => d.severity === 'error');
        return {
          name: s.file,
          status: errors.length > 0 ? 'failed' : 'passed',
          message:
            errors.length > 0
              ? errors.map((d) => `${d.code}: ${d.message}`).join('; ')
              : `${findings.length} finding(s), no errors`,
          ...(findings.length > 0 ? { details: findings } : {}),
        };
      });
    return stageResult(this, checks, started);
  },
};
