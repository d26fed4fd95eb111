import { freePort } from '../../adapters/process/free-port.js';
import type { ManagedProcess } from '../../adapters/process/start-process.js';
import { describeMiss, type MockMiss } from '../../system/mock-miss.js';
import { type DependencyMock, startDependencyMock } from '../../system/start-dependency-mock.js';
import { type RunningService, startService } from '../../system/start-service.js';
import { mapLimit } from '../map-limit.js';
import { smokeService } from '../smoke/smoke-service.js';
import { stageResult } from '../stage-result.js';
import type { Check, RunContext, Stage } from '../types.js';

/** Waits until a mock has had no new request for `quietMs` (background calls land), at most `maxMs`. */
async function settle(
  mocks: readonly DependencyMock[],
  quietMs = 150,
  maxMs = 1500,
): Promise<void> {
  const count = () => mocks.reduce((n, m) => n + m.hits.length, 0);
  const deadline = performance.now() + maxMs;
  let seen = count();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = count();
    if (now === seen) return;
    seen = now;
  }
}

/** Each distinct miss once, in first-seen order, with how often it happened. */
function missSummary(misses: readonly MockMiss[]): string {
  const counts = new Map<string, number>();
  for (const miss of misses) {
    const text = describeMiss(miss);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([text, n]) => (n > 1 ? `${text} (×${n})` : text)).join(' | ');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts one service against mocks of its dependencies and exercises it through its contracts. */
async function exercise(ctx: RunContext, name: string): Promise<Check[]> {
  const service = ctx.config.services?.[name];
  if (!service) return [];
  const checks: Check[] = [];
  const mocks: DependencyMock[] = [];
  let running: RunningService | undefined;
  let spawned: ManagedProcess | undefined;
  const cleanup = async (): Promise<void> => {
    await spawned?.stop();
    await Promise.all(mocks.map((m) => m.close()));
  };
  const undefer = ctx.defer(cleanup);
  const started = performance.now();
  try {
    for (const dep of service.dependsOn ?? []) {
      mocks.push(
        await startDependencyMock({ load: ctx.load, cwd: ctx.cwd, config: ctx.config, dep }, name),
      );
    }
    running = await startService({
      cwd: ctx.cwd,
      env: ctx.env,
      name,
      service,
      port: await freePort(),
      dependencyUrls: Object.fromEntries(mocks.map((m) => [m.name, m.url])),
      onSpawn: (process) => {
        spawned = process;
      },
    });
    const against =
      mocks.length === 0 ? 'no dependencies' : `mocks of ${mocks.map((m) => m.name).join(', ')}`;
    checks.push({
      name: `${name}: starts against ${against}`,
      status: 'passed',
      message: `healthy in ${running.startMs} ms (pid ${running.pid})`,
      durationMs: Math.round(performance.now() - started),
    });
    ctx.log(`  ${name} healthy at ${running.url} (${against})`);
    const own = (await ctx.load(service.contracts ?? [])).flatMap((s) =>
      s.service && s.service.operations.length > 0 ? [s.service] : [],
    );
    if (own.length === 0) {
      checks.push({
        name: `${name}: smoke pass`,
        status: 'skipped',
        message:
          'it provides no HTTP operations in its contracts to exercise (health checked only)',
      });
    }
    for (const contract of own) {
      checks.push(
        ...(await smokeService(contract, running.url, {
          label: name,
          ...(service.requestHeaders ? { headers: service.requestHeaders } : {}),
        })),
      );
    }
    await settle(mocks);
    for (const mock of mocks) {
      const misses = mock.hits.flatMap((h) => (h.miss ? [h.miss] : []));
      const total = mock.hits.length;
      checks.push({
        name: `${name}: calls to the ${mock.name} mock`,
        status: misses.length > 0 ? 'failed' : 'passed',
        message:
          misses.length > 0
            ? `${misses.length} of ${total} requests missed the contract: ${missSummary(misses)}`
            : total === 0
              ? 'not called by the smoke pass'
              : `${total} ${total === 1 ? 'request' : 'requests'}, all within the contract`,
        details: mock.hits.map((h) => (h.miss ? `MISS ${describeMiss(h.miss)}` : h.line)),
      });
    }
  } catch (error) {
    checks.push({
      name: `${name}: starts against mocks`,
      status: 'failed',
      message: message(error),
      durationMs: Math.round(performance.now() - started),
      ...(running ? { details: running.process.recentLines().slice(-30) } : {}),
    });
  } finally {
    undefer();
    await cleanup();
  }
  return checks;
}

/**
 * Each service alone: mocks of its dependencies from their contracts, the service started with
 * their URLs, then a smoke pass through its own contracts. Two services at a time.
 */
export const mockedStage: Stage = {
  name: 'mocked',
  title: 'Each service against mocks of its dependencies',
  async run(ctx) {
    const started = performance.now();
    const names = Object.entries(ctx.config.services ?? {})
      .filter(([, service]) => service.start !== undefined)
      .map(([name]) => name);
    if (names.length === 0) {
      return stageResult(
        this,
        [{ name: 'services', status: 'skipped', message: 'no service has a start command' }],
        started,
      );
    }
    const perService = await mapLimit(names, 2, (name) => exercise(ctx, name));
    const checks = perService.flat();
    const failedServices = names.filter((_, i) =>
      perService[i]!.some((c) => c.status === 'failed'),
    );
    const operations = checks.filter((c) => /: [A-Z]+ \//.test(c.name)).length;
    return stageResult(
      this,
      checks,
      started,
      `${names.length} services, ${operations} operations exercised${
        failedServices.length > 0 ? `; failing: ${failedServices.join(', ')}` : ''
      }`,
    );
  },
};
