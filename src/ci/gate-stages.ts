import { gitHead } from '../adapters/git/git.js';
import type { RunContext, Stage, StageResult } from '../run/types.js';

import type { GateState } from './gate-context.js';
import { canIDeployStage } from './stages/can-i-deploy-stage.js';
import { compatStage } from './stages/compat-stage.js';
import { diffStage } from './stages/diff-stage.js';
import { lintStage } from './stages/lint-stage.js';
import { publishStage } from './stages/publish-stage.js';
import { verifyStage } from './stages/verify-stage.js';

export type { GateState } from './gate-context.js';

/**
 * The merge gate, in order: lint → diff against the base branch → compat → verify → publish →
 * can-i-deploy. Each step is a `gauntlet run` Stage, so the gate runs in `gauntlet ci` and, as
 * one stage, inside `gauntlet run`.
 *
 * @example
 * const summary = await runStages(await gateStages(ctx), ctx);
 */
export async function gateStages(
  ctx: Pick<RunContext, 'cwd' | 'env'>,
  progress?: (line: string) => void,
): Promise<Stage[]> {
  const head = await gitHead(ctx.cwd);
  const state: GateState = { verified: new Map(), ...(progress ? { progress } : {}) };
  const version = ctx.env.GAUNTLET_VERSION ?? head?.sha;
  if (version) state.version = version;
  if (head?.branch) state.branch = head.branch;
  return [
    lintStage,
    diffStage(state),
    compatStage,
    verifyStage(state),
    publishStage(state),
    canIDeployStage(state),
  ];
}

/** Re-exported so callers can type what the gate returns. */
export type { StageResult };
