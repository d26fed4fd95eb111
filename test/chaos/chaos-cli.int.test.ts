import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pidAlive } from '../../src/adapters/process/pid-alive.js';
import type { RunningToxiproxy } from '../../src/adapters/toxiproxy/backend.js';
import { runCli } from '../cli/run-cli.js';
import { spawnCli } from '../run/spawn-cli.js';
import { chromium, runChromium } from '../support/chromium.js';
import { describeNeeding } from '../support/needs-tool.js';
import { ROOT, startToxiproxy, TOXIPROXY } from './toxiproxy.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'two-services');
const CHROMIUM = chromium();
// The fixture has no .gauntlet/bin of its own: point Gauntlet at the project's server.
const ENV = { GAUNTLET_TOXIPROXY_SERVER: join(ROOT, '.gauntlet', 'bin', 'toxiproxy-server') };

let dir: string;
beforeAll(async () => {
  // spawnCli passes this process's environment on.
  process.env.GAUNTLET_TOXIPROXY_SERVER ??= ENV.GAUNTLET_TOXIPROXY_SERVER;
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-chaos-'));
  await cp(FIXTURE, dir, { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The PIDs a chaos run printed for the processes it started (toxiproxy-server and services). */
function pidsOf(output: string): number[] {
  return [...output.matchAll(/\(pid (\d+)/g)].map((m) => Number(m[1]));
}

describeNeeding(TOXIPROXY, 'gauntlet chaos on a two-service system', () => {
  let json: {
    experiments: Array<{
      title: string;
      status: string;
      deviated: boolean;
      deviated_probes: string[];
    }>;
    reports: { html: string; junit: string };
  };

  beforeAll(async () => {
    const result = await runCli(['chaos', 'chaos/quick.yaml', 'chaos/deviates.yaml', '--json'], {
      cwd: dir,
      env: ENV,
    });
    expect(result.code, result.stderr).toBe(1);
    json = JSON.parse(result.stdout);
    // Everything it started is gone: toxiproxy-server and both services.
    const pids = pidsOf(result.stderr);
    expect(pids).toHaveLength(3);
    for (const pid of pids) expect(pidAlive(pid)).toBe(false);
  }, 90_000);

  it('exits 1 and names the deviated probe; the holding experiment completed', () => {
    expect(json.experiments.map((e) => [e.title, e.status, e.deviated, e.deviated_probes])).toEqual(
      [
        ['slightly slow provider', 'completed', false, []],
        ["provider slower than the consumer's timeout", 'deviated', true, ['consumer-answers-200']],
      ],
    );
  });

  it('writes a journal per experiment and JUnit with the deviation as a failure', async () => {
    const journal = JSON.parse(
      await readFile(join(dir, 'reports', 'chaos', 'deviates.journal.json'), 'utf8'),
    );
    expect(journal.status).toBe('completed');
    expect(journal.deviated).toBe(true);
    expect(journal.steady_states.after.probes[0].output.status).toBe(503);
    expect(journal.gauntlet.timeline.map((m: { label: string }) => m.label)).toEqual([
      "+ latency 'very-slow' on consumer_to_provider (latency=1500 jitter=0)",
      "- 'very-slow' removed from consumer_to_provider",
    ]);
    const junit = await readFile(json.reports.junit, 'utf8');
    expect(junit).toContain('tests="2" failures="1"');
    expect(junit).toContain("deviated: probe 'consumer-answers-200' out of tolerance");
  });

  describeNeeding(CHROMIUM, 'the chaos timeline in headless Chromium', () => {
    it('renders one timeline per experiment, toxics on the time axis, and a screenshot', async () => {
      const page = pathToFileURL(json.reports.html).href;
      const dom = await runChromium(CHROMIUM.binary, dir, ['--dump-dom', page]);
      const sections = [...dom.matchAll(/<section class="experiment (\w+)">/g)].map((m) => m[1]);
      expect(sections).toEqual(['passed', 'failed']);
      expect([...dom.matchAll(/<svg class="timeline"/g)]).toHaveLength(2);
      expect([...dom.matchAll(/<rect class="toxic"/g)]).toHaveLength(2);
      expect(dom).toContain('<span class="badge deviated">deviated</span>');
      // Probe requests plotted: 5 latency requests before and after in the first experiment.
      expect([...dom.matchAll(/<circle class="request"/g)].length).toBeGreaterThanOrEqual(10);
      const shot = join(dir, 'chaos-report.png');
      await runChromium(CHROMIUM.binary, dir, [
        `--screenshot=${shot}`,
        '--window-size=1280,1400',
        page,
      ]);
      const png = await readFile(shot);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect((await stat(shot)).size).toBeGreaterThan(20_000);
      if (process.env.GAUNTLET_KEEP_SCREENSHOT)
        await cp(shot, process.env.GAUNTLET_KEEP_SCREENSHOT);
    }, 90_000);
  });

  it('exits 2 naming file:line for a proxy not in the topology, and starts nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      (await readFile(join(dir, 'chaos', 'quick.yaml'), 'utf8')).replaceAll(
        'consumer_to_provider',
        'consumer_to_database',
      ),
    );
    const result = await runCli(['chaos', 'bad.yaml'], { cwd: dir, env: ENV });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').slice(0, 3)).toEqual([
      '[gauntlet] Failed to load the chaos experiment bad.yaml: because of 2 problems:',
      "  bad.yaml:26:31: proxy 'consumer_to_database' is not in the topology (proxies: consumer_to_provider)",
      "  bad.yaml:34:31: proxy 'consumer_to_database' is not in the topology (proxies: consumer_to_provider) (GAUNTLET_E_CHAOS_EXPERIMENT)",
    ]);
    expect(result.stderr).not.toContain('toxiproxy:');
  });

  it('SIGINT mid-method with an active toxic: rollbacks run, no toxic is left, no process remains', async () => {
    const toxiproxy: RunningToxiproxy = await startToxiproxy();
    try {
      const session = spawnCli(
        ['chaos', 'chaos/long-method.yaml', '--toxiproxy', toxiproxy.url],
        dir,
      );
      await session.waitFor(/✓ method\s+action slow-provider/, 60_000);
      // The toxic is on while the method's load runs.
      const during = await toxiproxy.client.proxy('consumer_to_provider');
      expect(during.toxics.map((t) => t.name)).toEqual(['slow']);
      session.child.kill('SIGINT');
      expect(await session.exited).toBe(130);
      const output = session.output();
      expect(output).toMatch(/✓ rollbacks action remove-slow/);
      expect(output).toContain('interrupted');
      const proxies = await toxiproxy.client.proxies();
      expect(Object.values(proxies).map((p) => [p.name, p.enabled, p.toxics])).toEqual([
        ['consumer_to_provider', true, []],
      ]);
      const pids = pidsOf(output);
      expect(pids).toHaveLength(2);
      for (const pid of pids) expect(pidAlive(pid)).toBe(false);
    } finally {
      await toxiproxy.stop();
    }
  }, 90_000);

  it('SIGINT with its own toxiproxy-server: no toxiproxy-server process of the run remains', async () => {
    const session = spawnCli(['chaos', 'chaos/long-method.yaml'], dir);
    const early = await session.waitFor(/toxiproxy: http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/, 60_000);
    const server = Number(/toxiproxy: \S+ \(pid (\d+)\)/.exec(early)![1]);
    expect(pidAlive(server)).toBe(true);
    await session.waitFor(/✓ method\s+action slow-provider/, 60_000);
    session.child.kill('SIGINT');
    expect(await session.exited).toBe(130);
    expect(pidAlive(server)).toBe(false);
    for (const pid of pidsOf(session.output())) expect(pidAlive(pid)).toBe(false);
  }, 90_000);
});
