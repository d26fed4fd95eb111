import { describe, expect, it } from 'vitest';
import { isGauntletError, runGauntlet } from '../../src/index.js';
import { repoRoot } from '../cli/run-cli.js';

describe('runGauntlet (the public API of gauntlet run)', () => {
  it('runs the stages asked for on the example system and returns the summary', async () => {
    const summary = await runGauntlet({ cwd: repoRoot, stages: ['contracts'] });
    expect(summary.stages.map((s) => [s.name, s.status])).toEqual([['contracts', 'passed']]);
    expect(summary.status).toBe('passed');
  }, 120_000);

  it('refuses an unknown stage with GAUNTLET_E_USAGE naming the known ones', async () => {
    const error: unknown = await runGauntlet({ cwd: repoRoot, stages: ['nope'] }).catch((e) => e);
    expect(isGauntletError(error) && error.code).toBe('GAUNTLET_E_USAGE');
    expect(String(error)).toContain('"nope" is not a stage (stages: contracts, mocked, system');
  });
});
