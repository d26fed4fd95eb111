import { resolve } from 'node:path';
import { verifyOpenApi } from '../../adapters/conformance/verify-openapi.js';
import { loadStatesModule } from '../../adapters/pact/load-states-module.js';
import { verifyPacts } from '../../adapters/pact/verify-pacts.js';
import { runCollection } from '../../adapters/postman/run-collection.js';
import { stageResult } from '../../run/stage-result.js';
import type { Check, Stage } from '../../run/types.js';
import { CONFORMANCE_CHECKS } from '../../verify/conformance/types.js';
import { postmanChecks } from '../../verify/postman/types.js';
import { ciConfig, type GateState, pactFilesByProvider } from '../gate-context.js';

export function verifyStage(state: GateState): Stage {
  return {
    name: 'ci-verify',
    title: 'Verify providers (pacts, OpenAPI conformance, Postman collections)',
    async run(ctx) {
      const started = performance.now();
      const checks: Check[] = [];
      const byProvider = await pactFilesByProvider(ctx);
      const verify = ciConfig(ctx).verify ?? {};
      for (const [provider, files] of [...byProvider.entries()].sort(([a], [b]) =>
        a.localeCompare(b),
      )) {
        const setup = verify[provider];
        if (!setup) {
          checks.push({
            name: `pacts of ${provider}`,
            status: 'skipped',
            message: `no ci.verify.${provider}.states module in gauntlet.config.ts to start it`,
          });
          continue;
        }
        let report: Awaited<ReturnType<typeof verifyPacts>>;
        try {
          report = await verifyPacts({
            provider,
            pacts: files,
            statesModule: setup.states,
            cwd: ctx.cwd,
            onInteraction: (r, i, total) =>
              state.progress?.(
                `[${i + 1}/${total}] ${provider} ← ${r.consumer}: ${r.description} ${r.status}`,
              ),
          });
        } catch (error) {
          checks.push({
            name: `pacts of ${provider}`,
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          });
          state.verified.set(provider, new Map());
          continue;
        }
        const perConsumer = new Map<string, boolean>();
        for (const r of report.interactions) {
          perConsumer.set(
            r.consumer,
            (perConsumer.get(r.consumer) ?? true) && r.status !== 'failed',
          );
          checks.push({
            name: `${provider} ← ${r.consumer}: ${r.description}`,
            status: r.status === 'failed' ? 'failed' : 'passed',
            ...(r.mismatches.length > 0
              ? {
                  message: r.mismatches
                    .map((m) => `${m.type}${m.path ? ` ${m.path}` : ''}: ${m.message}`)
                    .join('; '),
                }
              : {}),
            ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
          });
        }
        for (const d of report.diagnostics.filter((x) => x.severity === 'error')) {
          checks.push({
            name: `pacts of ${provider}`,
            status: 'failed',
            message: `${d.code}: ${d.message}`,
          });
          for (const c of perConsumer.keys()) perConsumer.set(c, false);
        }
        state.verified.set(provider, perConsumer);
        const collections = setup.postman ?? [];
        if (setup.openapi === false && collections.length === 0) continue;
        const specs =
          setup.openapi === false ? [] : (ctx.config.services?.[provider]?.contracts ?? []);
        const module = await loadStatesModule(resolve(ctx.cwd, setup.states), ctx.cwd);
        if (!module.startProvider || specs.length + collections.length === 0) continue;
        const running = await module.startProvider();
        const drop = ctx.defer(() => running.close());
        try {
          for (const { collection, variables } of collections) {
            try {
              const report = await runCollection({
                collection,
                baseUrl: running.url,
                cwd: ctx.cwd,
                ...(variables ? { variables } : {}),
                onRequest: (r, i) =>
                  state.progress?.(`[${i + 1}] ${provider} postman: ${r.method} ${r.name}`),
              });
              checks.push(...postmanChecks(report, `${provider} postman ${collection}: `));
            } catch (error) {
              checks.push({
                name: `${provider} postman ${collection}`,
                status: 'failed',
                message: error instanceof Error ? error.message : String(error),
              });
            }
          }
          for (const spec of specs) {
            const loaded = await ctx.load([spec]);
            if (!loaded.some((l) => (l.service?.operations.length ?? 0) > 0)) {
              checks.push({
                name: `${provider} conforms to ${spec}`,
                status: 'skipped',
                message:
                  'the spec describes no HTTP operations the provider serves (webhooks only)',
              });
              continue;
            }
            const skip = setup.skipChecks ?? {};
            for (const [check, reason] of Object.entries(skip)) {
              checks.push({
                name: `${provider} conforms to ${spec}: ${check}`,
                status: 'skipped',
                message: reason,
              });
            }
            const allowed = setup.allowServerErrors ?? {};
            for (const [status, reason] of Object.entries(allowed)) {
              checks.push({
                name: `${provider} conforms to ${spec}: not_a_server_error allows ${status}`,
                status: 'skipped',
                message: reason,
              });
            }
            try {
              const conf = await verifyOpenApi({
                allowServerErrors: Object.keys(allowed).map(Number),
                checks: CONFORMANCE_CHECKS.filter((c) => !(c in skip)),
                spec,
                baseUrl: running.url,
                cwd: ctx.cwd,
                cases: setup.cases ?? 3,
                seed: 1,
                headers: ctx.config.services?.[provider]?.requestHeaders ?? {},
                onCase: (c, i, total) =>
                  state.progress?.(`[${i + 1}/${total}] ${provider} conformance: ${c.label}`),
              });
              checks.push({
                name: `${provider} conforms to ${spec}`,
                status: conf.passed ? 'passed' : 'failed',
                message: conf.passed
                  ? `${conf.operations.length} operation(s), seed ${conf.seed}, requests by phase: ${Object.entries(
                      conf.phases,
                    )
                      .map(([phase, p]) => `${phase} ${p.requests}`)
                      .join(', ')}`
                  : conf.failures
                      .map(
                        (f) =>
                          `[${f.phase}] ${f.method} ${f.path} ${f.failures.map((x) => x.check).join(',')}: ${(f.sequence ?? [f.curl]).join(' && ')}`,
                      )
                      .join('; '),
                durationMs: conf.durationMs,
              });
            } catch (error) {
              checks.push({
                name: `${provider} conforms to ${spec}`,
                status: 'failed',
                message: error instanceof Error ? error.message : String(error),
              });
            }
          }
        } finally {
          drop();
          await running.close();
        }
      }
      return stageResult(this, checks, started);
    },
  };
}
