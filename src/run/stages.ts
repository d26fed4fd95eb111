import { ciStage } from '../ci/ci-stage.js';
import { GauntletError } from '../errors.js';
import { chaosStage } from './stages/chaos-stage.js';
import { contractsStage } from './stages/contracts-stage.js';
import { loadStage } from './stages/load-stage.js';
import { mockedStage } from './stages/mocked-stage.js';
import { systemStage } from './stages/system-stage.js';
import type { Stage } from './types.js';

/**
 * The stages of `gauntlet run`, in order. Adding a stage is one line here: import it and list
 * it where it belongs (verify, compat, diff, can-i-deploy, chaos, load...).
 */
export const STAGES: readonly Stage[] = [
  contractsStage,
  mockedStage,
  systemStage,
  loadStage,
  chaosStage,
  ciStage,
];

/**
 * The stages named, in run order (all when none); an unknown name is GAUNTLET_E_USAGE naming the
 * known ones. `asked` names where the names came from (`--stage`, `options.stages`).
 */
export function pickStages(
  names: readonly string[] | undefined,
  asked = 'options.stages',
  hint?: string,
): readonly Stage[] {
  if (names === undefined || names.length === 0) return STAGES;
  const known = STAGES.map((s) => s.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read ${asked}: because ${unknown.map((n) => `"${n}"`).join(', ')} is not a stage (stages: ${known.join(', ')}).`,
      { hint: hint ?? `Stages: ${known.join(', ')}.` },
    );
  }
  return STAGES.filter((s) => names.includes(s.name));
}
