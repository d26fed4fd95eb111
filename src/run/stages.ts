import { ciStage } from '../ci/ci-stage.js';
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
  ciStage,
];
