import { stageResult } from '../run/stage-result.js';
import type { Check, Stage } from '../run/types.js';
import { gateStages } from './gate-stages.js';

/**
 * The whole CI gate as one stage of `gauntlet run`: runs lint → diff → compat → verify →
 * publish → can-i-deploy and reports every check under its step's title.
 */
export const ciStage: Stage = {
  name: 'ci',
  title: 'CI gate (diff, compat, verify, publish, can-i-deploy)',
  async run(ctx) {
    const started = performance.now();
    const checks: Check[] = [];
    const steps = await gateStages(ctx);
    const previous = [...ctx.previous];
    for (const step of steps) {
      const result = await step.run({ ...ctx, previous });
      previous.push(result);
      for (const check of result.checks)
        checks.push({ ...check, name: `${step.title}: ${check.name}` });
    }
    return stageResult(this, checks, started);
  },
};
