import { diffSpecs } from '../../adapters/oasdiff/diff-specs.js';
import { stageResult } from '../../run/stage-result.js';
import type { Check, Stage } from '../../run/types.js';
import { baseRef, ciConfig, type GateState, pactPaths, specPaths } from '../gate-context.js';

export function diffStage(state: GateState): Stage {
  return {
    name: 'ci-diff',
    title: 'Breaking changes against the base branch',
    async run(ctx) {
      const started = performance.now();
      const base = await baseRef(ctx);
      const specs = specPaths(ctx);
      if (!base.ref) {
        return stageResult(
          this,
          specs.map((s) => ({ name: s, status: 'skipped', message: base.reason })),
          started,
          `skipped: ${base.reason}`,
        );
      }
      const checks: Check[] = [];
      for (const spec of specs) {
        const rel = spec.replace(/^\.\//, '');
        const result = await diffSpecs(`${base.ref}:${rel}`, spec, {
          cwd: ctx.cwd,
          env: ctx.env,
          pacts: pactPaths(ctx),
          failOn: ciConfig(ctx).failOn ?? 'consumers',
        });
        if (result.kind === 'skipped') {
          checks.push({
            name: spec,
            status: 'skipped',
            message: `not on ${base.ref} (new spec?): ${result.reason}`,
          });
          continue;
        }
        const r = result.report;
        const breaking = r.changes.filter((c) => c.severity === 'error');
        checks.push({
          name: spec,
          status: r.passed ? 'passed' : 'failed',
          message:
            `${r.counts.breaking} breaking (${r.counts.breakingForConsumers} breaking current consumers), ${r.counts.warnings} warning(s), ${r.counts.info} other` +
            (breaking.length > 0
              ? `: ${breaking.map((c) => `${c.method ?? ''} ${c.path ?? ''} ${c.text}${c.impact ? ` — ${c.impact.reason}` : ''}`).join('; ')}`
              : ''),
          details: r,
        });
      }
      state.progress?.(
        `diff against ${base.ref}: ${checks.filter((c) => c.status === 'failed').length} spec(s) with breaking changes`,
      );
      return stageResult(this, checks, started);
    },
  };
}
