import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCollection } from '../../adapters/postman/run-collection.js';
import type { ManagedProcess } from '../../adapters/process/start-process.js';
import { type RunningSystem, startSystem } from '../../system/start-system.js';
import { postmanChecks } from '../../verify/postman/types.js';
import { readScenarios } from '../scenario/read-scenarios.js';
import { runScenario } from '../scenario/run-scenario.js';
import { stageResult } from '../stage-result.js';
import type { Check, Stage } from '../types.js';

/**
 * The whole system for real: every service started in dependency order on free ports, then the
 * scenarios (`run.scenarios`, default `scenarios/`) run through it, one check per step, and the
 * Postman collections of `run.postman` (newman), one check per request.
 */
export const systemStage: Stage = {
  name: 'system',
  title: 'The whole system, for real',
  async run(ctx) {
    const started = performance.now();
    const checks: Check[] = [];
    // The default folder may be absent (no scenarios yet); a configured path must exist.
    const configured = ctx.config.run?.scenarios;
    const paths = configured ?? (existsSync(join(ctx.cwd, 'scenarios')) ? ['scenarios/'] : []);
    const scenarios = await readScenarios(paths, ctx.cwd);
    let system: RunningSystem | undefined;
    // Every process, also those not healthy yet, so an interrupt mid-start leaves none behind.
    const spawned: ManagedProcess[] = [];
    const undefer = ctx.defer(async () => {
      await Promise.all(spawned.map((p) => p.stop()));
    });
    try {
      system = await startSystem({
        cwd: ctx.cwd,
        env: ctx.env,
        config: ctx.config,
        ports: 'free',
        onSpawn: (process) => spawned.push(process),
        onStarted: (service) => {
          ctx.log(`  ${service.name} healthy at ${service.url}`);
          checks.push({
            name: `services: ${service.name} starts`,
            status: 'passed',
            message: `healthy in ${service.startMs} ms (pid ${service.pid})`,
            durationMs: service.startMs,
          });
        },
      });
      if (scenarios.length === 0) {
        checks.push({
          name: 'scenarios: none',
          status: 'skipped',
          message: 'no scenario files (run.scenarios, default scenarios/)',
        });
      }
      for (const scenario of scenarios) {
        ctx.log(`  scenario: ${scenario.name} (${scenario.file})`);
        checks.push(...(await runScenario(scenario, { urls: system.urls })));
      }
      for (const run of ctx.config.run?.postman ?? []) {
        ctx.log(`  postman: ${run.collection} → ${run.service}`);
        const baseUrl = system.urls[run.service];
        try {
          if (baseUrl === undefined) throw new Error(`the service ${run.service} is not running`);
          const report = await runCollection({
            collection: run.collection,
            baseUrl,
            cwd: ctx.cwd,
            ...(run.variables ? { variables: run.variables } : {}),
          });
          checks.push(...postmanChecks(report, `postman ${run.collection}: `));
        } catch (error) {
          checks.push({
            name: `postman ${run.collection}`,
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
    } catch (error) {
      checks.push({
        name: 'services: the system starts',
        status: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
    } finally {
      undefer();
      await system?.stop();
    }
    const steps = checks.filter((c) => !c.name.startsWith('services: '));
    return stageResult(
      this,
      checks,
      started,
      `${system?.services.length ?? 0} services up, ${scenarios.length} scenarios, ${
        steps.filter((c) => c.status === 'passed').length
      }/${steps.length} steps passed`,
    );
  },
};
