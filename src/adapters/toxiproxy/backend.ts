import { GauntletError } from '../../errors.js';
import { describeMissingEngine, findContainerEngine } from '../containers/find-engine.js';
import { freePort } from '../process/free-port.js';
import { startProcess } from '../process/start-process.js';
import { waitForHealth } from '../process/wait-for-health.js';
import { requireTool } from '../tools/find-tool.js';
import { createToxiproxyClient, type ToxiproxyClient } from './client.js';

/** A Toxiproxy server Gauntlet can talk to, however it runs. */
export interface RunningToxiproxy {
  kind: ToxiproxyBackend['kind'];
  /** The API's base URL. */
  url: string;
  client: ToxiproxyClient;
  /** The address proxies listen on, as the services reach them. */
  listenHost: string;
  /** How Toxiproxy reaches the services (127.0.0.1 for a local server; the host, from a container). */
  upstreamHost: string;
  /** The server's PID when Gauntlet started it as a local process. */
  pid?: number;
  /** Stops what Gauntlet started (nothing for a remote server); idempotent. */
  stop(): Promise<void>;
}

/**
 * Where Toxiproxy comes from. Three interchangeable kinds share this interface (and one
 * conformance test): a local `toxiproxy-server` process Gauntlet starts from `.gauntlet/bin`, a
 * running server given by URL, and a container (testcontainers; not built yet — see `docker`).
 */
export interface ToxiproxyBackend {
  kind: 'local' | 'remote' | 'docker';
  /** One line for progress output, e.g. `local toxiproxy-server (.gauntlet/bin)`. */
  describe(): string;
  start(): Promise<RunningToxiproxy>;
}

export interface BackendContext {
  /** The project folder (holds `.gauntlet/bin`). */
  cwd: string;
  env: Record<string, string | undefined>;
  /** Seed of a local server's random choices (toxicity); default 1. */
  seed?: number;
  /** Called as soon as a local server process exists, so an interrupt can stop it. */
  onSpawn?: (stop: () => Promise<void>) => void;
}

/** Per-call timeout of the API client (a toxic removal under traffic can hold the API a while). */
const API_TIMEOUT_MS = 10_000;

/**
 * The local backend: starts the pinned `toxiproxy-server` on a free API port bound to 127.0.0.1,
 * health-checked via `/version`, stopped by PID.
 *
 * @example
 * const toxiproxy = await localToxiproxy({ cwd, env: process.env }).start();
 * await toxiproxy.stop();
 */
export function localToxiproxy(ctx: BackendContext): ToxiproxyBackend {
  return {
    kind: 'local',
    describe: () => 'local toxiproxy-server',
    async start() {
      const tool = await requireTool('toxiproxy-server', { projectRoot: ctx.cwd, env: ctx.env });
      const port = await freePort();
      const child = await startProcess({
        name: 'toxiproxy-server',
        command: tool.path,
        // A fixed seed: which connections a toxic with toxicity < 1 hits is the same run to run.
        args: ['-host', '127.0.0.1', '-port', String(port), '-seed', String(ctx.seed ?? 1)],
        env: { PATH: ctx.env.PATH },
        cwd: ctx.cwd,
        keepLines: 50,
      });
      const stop = async (): Promise<void> => {
        await child.stop(2000);
      };
      ctx.onSpawn?.(stop);
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForHealth(child, `${url}/version`, { timeoutMs: 10_000, intervalMs: 50 });
      } catch (error) {
        await stop();
        throw error;
      }
      return {
        kind: 'local',
        url,
        client: createToxiproxyClient(url, { timeoutMs: API_TIMEOUT_MS }),
        listenHost: '127.0.0.1',
        upstreamHost: '127.0.0.1',
        pid: child.pid,
        stop,
      };
    },
  };
}

/**
 * A Toxiproxy server that is already running (`--toxiproxy URL`): checked via `/version`, never
 * stopped by Gauntlet. Its proxies listen on the URL's host.
 */
export function remoteToxiproxy(url: string): ToxiproxyBackend {
  return {
    kind: 'remote',
    describe: () => `toxiproxy at ${url}`,
    async start() {
      const client = createToxiproxyClient(url, { timeoutMs: API_TIMEOUT_MS });
      await client.version();
      const host = new URL(url).hostname;
      return {
        kind: 'remote',
        url: client.url,
        client,
        listenHost: host,
        upstreamHost: '127.0.0.1',
        stop: async () => undefined,
      };
    },
  };
}

/**
 * `--toxiproxy docker`: Toxiproxy from Gauntlet's local image (`gauntlet image build toxiproxy`),
 * started through gauntlet/testcontainers on the host's network, so its proxies reach services
 * on 127.0.0.1 just as the local process does. Where no Docker-compatible engine answers it says
 * so in one line (GAUNTLET_E_CONTAINER_ENGINE); the container is removed on stop, and by the
 * session's reaper if Gauntlet dies first.
 */
export function dockerToxiproxy(ctx: BackendContext): ToxiproxyBackend {
  return {
    kind: 'docker',
    describe: () => 'toxiproxy in a container (gauntlet/testcontainers)',
    async start() {
      const { found, tried } = await findContainerEngine(ctx.env);
      if (!found) {
        throw new GauntletError(
          'GAUNTLET_E_CONTAINER_ENGINE',
          `Failed to start Toxiproxy in a container: because ${describeMissingEngine(tried)}`,
          {
            hint: 'Leave out --toxiproxy (the local toxiproxy-server from `gauntlet setup` is used) or pass --toxiproxy URL.',
          },
        );
      }
      // Lazy: testcontainers is an optional peer dependency, needed only here.
      const { ensureImage, startHostNetworkToxiproxy } = await import(
        '../../testcontainers/index.js'
      );
      await ensureImage('toxiproxy', { offline: true, projectRoot: ctx.cwd });
      const started = await startHostNetworkToxiproxy(await freePort());
      const stop = async (): Promise<void> => {
        await started.container.stop();
      };
      ctx.onSpawn?.(stop);
      const client = createToxiproxyClient(started.url, { timeoutMs: API_TIMEOUT_MS });
      return {
        kind: 'docker',
        url: started.url,
        client,
        listenHost: '127.0.0.1',
        upstreamHost: '127.0.0.1',
        stop,
      };
    },
  };
}

/**
 * The backend for `--toxiproxy` (or `chaos.toxiproxy` in the config): none → local process,
 * `docker` → a container, anything else → the URL of a running server.
 *
 * @example
 * const backend = toxiproxyBackend(flags.toxiproxy, { cwd, env: process.env });
 */
export function toxiproxyBackend(
  option: string | undefined,
  ctx: BackendContext,
): ToxiproxyBackend {
  if (option === undefined || option === '' || option === 'local') return localToxiproxy(ctx);
  if (option === 'docker') return dockerToxiproxy(ctx);
  let url: URL;
  try {
    url = new URL(option);
  } catch {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read --toxiproxy: because "${option}" is neither a URL nor "docker".`,
      { hint: 'Pass --toxiproxy http://127.0.0.1:8474, --toxiproxy docker, or leave it out.' },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read --toxiproxy: because "${option}" is not an http(s) URL.`,
      { hint: 'Pass --toxiproxy http://127.0.0.1:8474.' },
    );
  }
  return remoteToxiproxy(option);
}
