import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readComparables } from '../../adapters/compat/read-comparables.js';
import { openRegistry } from '../../adapters/registry/open-registry.js';
import { stageResult } from '../../run/stage-result.js';
import type { Check, Stage } from '../../run/types.js';
import { ciConfig, type GateState, pactPaths } from '../gate-context.js';

export function publishStage(state: GateState): Stage {
  return {
    name: 'ci-publish',
    title: 'Publish pacts and verification results',
    async run(ctx) {
      const started = performance.now();
      if (!state.version)
        return stageResult(
          this,
          [
            {
              name: 'publish',
              status: 'skipped',
              message: 'no version: not a git repository and GAUNTLET_VERSION unset',
            },
          ],
          started,
        );
      const registry = openRegistry({
        cwd: ctx.cwd,
        env: ctx.env,
        ...(ciConfig(ctx).registry ? { dir: ciConfig(ctx).registry } : {}),
      });
      const { pacts } = await readComparables(pactPaths(ctx), ctx.cwd);
      const docs = await Promise.all(
        pacts.map(async (p) => ({
          file: p.file,
          pact: JSON.parse(await readFile(resolve(ctx.cwd, p.file), 'utf8')) as unknown,
        })),
      );
      const out = await registry.publish({
        pacts: docs,
        consumerVersion: state.version,
        ...(state.branch ? { branch: state.branch } : {}),
      });
      const checks: Check[] = out.map((p) => ({
        name: `published ${p.consumer} → ${p.provider}`,
        status: 'passed',
        message: `${registry.location} at ${p.consumerVersion}`,
      }));
      for (const [provider, consumers] of state.verified) {
        for (const [consumer, success] of consumers) {
          await registry.recordVerification({
            provider,
            providerVersion: state.version,
            consumer,
            consumerVersion: state.version,
            success,
            ...(state.branch ? { branch: state.branch } : {}),
          });
          checks.push({
            name: `verification ${provider} ← ${consumer}`,
            status: 'passed',
            message: `recorded ${success ? 'success' : 'failure'} for ${provider} ${state.version}`,
          });
        }
      }
      return stageResult(this, checks, started);
    },
  };
}
