import { existsSync } from 'node:fs';
import { type DockerStatus, dockerStatus } from '../tools/docker-status.js';
import { findOnPath } from '../tools/find-on-path.js';

/** A Docker-compatible engine that answered, and how to reach it. */
export interface ContainerEngine {
  /** `unix:///run/podman/podman.sock` or `tcp://host:port`: what DOCKER_HOST should say. */
  dockerHost: string;
  engine: 'docker' | 'podman';
  serverVersion?: string;
  /** The CLI that builds images for this engine (`podman` or `docker`), when it is on PATH. */
  cli: string | null;
}

export interface EngineSearch {
  /** The engine that answered first, in the order of `tried`. */
  found: ContainerEngine | null;
  /** Every place asked, and why it did not answer. */
  tried: Array<{ dockerHost: string; reason?: string }>;
}

/** Where engines listen when DOCKER_HOST does not say: Docker's socket, then Podman's. */
export function engineCandidates(env: Record<string, string | undefined>): string[] {
  if (env.DOCKER_HOST) return [env.DOCKER_HOST];
  const sockets = ['/var/run/docker.sock', '/run/podman/podman.sock'];
  if (env.XDG_RUNTIME_DIR) sockets.push(`${env.XDG_RUNTIME_DIR}/podman/podman.sock`);
  return sockets.map((socket) => `unix://${socket}`);
}

/**
 * Finds a Docker-compatible engine: DOCKER_HOST when set, otherwise the Docker socket, then the
 * Podman sockets (rootful, then rootless). Never throws: `found` is null and `tried` says why.
 *
 * @example
 * const { found, tried } = await findContainerEngine(process.env);
 * if (!found) console.log(describeMissingEngine(tried));
 */
export async function findContainerEngine(
  env: Record<string, string | undefined>,
  // Generous: Podman's API service answers slowly on a loaded 2-core machine, and a socket that
  // does not exist is skipped without asking.
  timeoutMs = 10_000,
): Promise<EngineSearch> {
  const tried: EngineSearch['tried'] = [];
  for (const dockerHost of engineCandidates(env)) {
    const socket = dockerHost.startsWith('unix://') ? dockerHost.slice('unix://'.length) : null;
    if (socket !== null && !existsSync(socket) && !env.DOCKER_HOST) {
      tried.push({ dockerHost, reason: 'no socket there' });
      continue;
    }
    const status: DockerStatus = await dockerStatus({ ...env, DOCKER_HOST: dockerHost }, timeoutMs);
    if (!status.reachable) {
      tried.push({ dockerHost, ...(status.reason ? { reason: status.reason } : {}) });
      continue;
    }
    tried.push({ dockerHost });
    const engine = status.engine ?? 'docker';
    const cli =
      (await findOnPath(env.GAUNTLET_CONTAINER_CLI ?? engine, env.PATH)) ??
      (await findOnPath(engine === 'podman' ? 'docker' : 'podman', env.PATH)) ??
      null;
    return {
      found: {
        dockerHost,
        engine,
        cli,
        ...(status.serverVersion ? { serverVersion: status.serverVersion } : {}),
      },
      tried,
    };
  }
  return { found: null, tried };
}

/** The one line said wherever an engine is needed and none answers. */
export function describeMissingEngine(tried: EngineSearch['tried']): string {
  const where = tried.map((t) => `${t.dockerHost} (${t.reason ?? 'no answer'})`).join('; ');
  return `no Docker-compatible engine answers: asked ${where}. Start Docker, or Podman's API service (podman system service --time=0 unix:///run/podman/podman.sock), or set DOCKER_HOST.`;
}

/**
 * The environment testcontainers needs for this engine. Ryuk (testcontainers' reaper) is off
 * because its image comes from a registry; Gauntlet's own reaper removes what a run leaves
 * behind (see src/testcontainers/reaper.ts). The host override keeps tests on 127.0.0.1: without
 * it testcontainers hands out the bridge's private-range address.
 */
export function testcontainersEnv(
  engine: ContainerEngine,
  env: Record<string, string | undefined>,
): Record<string, string> {
  return {
    DOCKER_HOST: engine.dockerHost,
    TESTCONTAINERS_RYUK_DISABLED: env.TESTCONTAINERS_RYUK_DISABLED ?? 'true',
    TESTCONTAINERS_HOST_OVERRIDE: env.TESTCONTAINERS_HOST_OVERRIDE ?? '127.0.0.1',
  };
}
