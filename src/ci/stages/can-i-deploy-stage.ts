import { openRegistry } from '../../adapters/registry/open-registry.js';
import { stageResult } from '../../run/stage-result.js';
import type { Check, Stage } from '../../run/types.js';
import { ciConfig, type GateState } from '../gate-context.js';

export function canIDeployStage(state: GateState): Stage {
  return {
    name: 'ci-can-i-deploy',
    title: 'Can I deploy?',
    async run(ctx) {
      const started = performance.now();
      const version = state.version;
      if (!version)
        return stageResult(
          this,
          [{ name: 'can-i-deploy', status: 'skipped', message: 'no version to ask about' }],
          started,
        );
      const environment = ciConfig(ctx).environment ?? 'production';
      const registry = openRegistry({
        cwd: ctx.cwd,
        env: ctx.env,
        ...(ciConfig(ctx).registry ? { dir: ciConfig(ctx).registry } : {}),
      });
      const names = Object.keys(ctx.config.services ?? {});
      const checks: Check[] = [];
      for (const pacticipant of names) {
        const answer = await registry.canIDeploy({
          pacticipant,
          version,
          environment,
          // Every service of this repository goes out from this commit together.
          deployingWith: names
            .filter((n) => n !== pacticipant)
            .map((n) => ({ pacticipant: n, version })),
        });
        checks.push({
          name: `${pacticipant} → ${environment}`,
          status: answer.deployable ? 'passed' : 'failed',
          message: answer.reason,
          details: answer.rows,
        });
      }
      return stageResult(this, checks, started);
    },
  };
}
