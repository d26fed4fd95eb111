import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readComparables } from '../adapters/compat/read-comparables.js';
import { verifyOpenApi } from '../adapters/conformance/verify-openapi.js';
import { gitHead, gitRefExists } from '../adapters/git/git.js';
import { diffSpecs } from '../adapters/oasdiff/diff-specs.js';
import { loadStatesModule } from '../adapters/pact/load-states-module.js';
import { verifyPacts } from '../adapters/pact/verify-pacts.js';
import { runCollection } from '../adapters/postman/run-collection.js';
import { openRegistry } from '../adapters/registry/open-registry.js';
import type { CiConfig } from '../config.js';
import { lintService } from '../lint/lint.js';
import { stageResult } from '../run/stage-result.js';
import type { Check, RunContext, Stage, StageResult } from '../run/types.js';
import { checkCompat } from '../verify/compat/check-compat.js';
import { CONFORMANCE_CHECKS } from '../verify/conformance/types.js';
import { postmanChecks } from '../verify/postman/types.js';

/** What the gate steps share within one `gauntlet ci` run. */
export interface GateState {
  version?: string;
  branch?: string;
  /** provider → consumer → verified ok? (filled by verify, read by publish). */
  verified: Map<string, Map<string, boolean>>;
  /** Called for each interaction/case verified, for progress output. */
  progress?: (line: string) => void;
}

function ciConfig(ctx: RunContext): CiConfig {
  return ctx.config.ci ?? {};
}

function pactPaths(ctx: RunContext): string[] {
  return ciConfig(ctx).pacts ?? ['contracts/pacts'];
}

/** Every provider contract named under `services`, in config order, once each. */
function specPaths(ctx: RunContext): string[] {
  const out: string[] = [];
  for (const service of Object.values(ctx.config.services ?? {})) {
    for (const c of service.contracts ?? []) if (!out.includes(c)) out.push(c);
  }
  return out;
}

async function baseRef(ctx: RunContext): Promise<{ ref?: string; reason: string }> {
  const wanted = ciConfig(ctx).baseRef ?? ctx.env.GAUNTLET_BASE_REF;
  const candidates = wanted ? [wanted] : ['origin/main', 'main'];
  for (const ref of candidates) if (await gitRefExists(ref, ctx.cwd)) return { ref, reason: '' };
  return {
    reason: `base ref ${candidates.join(' / ')} not found in git (set GAUNTLET_BASE_REF, or fetch it: git fetch origin main)`,
  };
}

const lintStage: Stage = {
  name: 'ci-lint',
  title: 'Lint contracts',
  async run(ctx) {
    const started = performance.now();
    const sources = await ctx.load([...specPaths(ctx), ...pactPaths(ctx)]);
    const checks: Check[] = sources
      .filter((s) => s.skipped === undefined)
      .map((s) => {
        const findings = [...s.diagnostics, ...(s.service ? lintService(s.service) : [])];
        const errors = findings.filter((d) => d.severity === 'error');
        return {
          name: s.file,
          status: errors.length > 0 ? 'failed' : 'passed',
          message:
            errors.length > 0
              ? errors.map((d) => `${d.code}: ${d.message}`).join('; ')
              : `${findings.length} finding(s), no errors`,
          ...(findings.length > 0 ? { details: findings } : {}),
        };
      });
    return stageResult(this, checks, started);
  },
};

function diffStage(state: GateState): Stage {
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

const compatStage: Stage = {
  name: 'ci-compat',
  title: 'Consumer pacts against provider specs (compat)',
  async run(ctx) {
    const started = performance.now();
    const { specs, pacts, diagnostics } = await readComparables(
      [...specPaths(ctx), ...pactPaths(ctx)],
      ctx.cwd,
    );
    const report = await checkCompat(specs, pacts);
    const checks: Check[] = report.pairs.map((p) => {
      const errors = p.findings.filter((f) => f.severity === 'error');
      return {
        name: `${p.consumer} → ${p.provider} (${p.pactFile} vs ${p.specFile})`,
        status: p.passed ? 'passed' : 'failed',
        message: p.passed
          ? `${p.interactions} interaction(s) valid${p.messagesSkipped ? `, ${p.messagesSkipped} message(s) left to verify` : ''}`
          : errors.map((f) => `${f.code}: ${f.message}`).join('; '),
        details: p.findings,
      };
    });
    for (const u of report.unpaired)
      checks.push({
        name: `${u.consumer} → ${u.provider} (${u.pactFile})`,
        status: 'skipped',
        message: u.reason,
      });
    for (const d of [...diagnostics, ...report.diagnostics].filter((x) => x.severity === 'error')) {
      checks.push({
        name: d.location?.file ?? d.code,
        status: 'failed',
        message: `${d.code}: ${d.message}`,
      });
    }
    return stageResult(this, checks, started);
  },
};

async function pactFilesByProvider(ctx: RunContext): Promise<Map<string, string[]>> {
  const { pacts } = await readComparables(pactPaths(ctx), ctx.cwd);
  const out = new Map<string, string[]>();
  for (const p of pacts) {
    const provider = (p.document as { provider?: { name?: unknown } }).provider?.name;
    if (typeof provider !== 'string') continue;
    out.set(provider, [...(out.get(provider) ?? []), p.file]);
  }
  return out;
}

function verifyStage(state: GateState): Stage {
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

function publishStage(state: GateState): Stage {
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

function canIDeployStage(state: GateState): Stage {
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
