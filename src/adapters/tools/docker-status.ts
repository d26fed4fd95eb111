import * as http from 'node:http';
import { findOnPath } from './find-on-path.js';

export interface DockerStatus {
  /** The docker CLI on PATH, or null. A CLI alone proves nothing: the daemon must answer. */
  cliPath: string | null;
  /** Where the daemon was asked: a unix socket path or tcp://host:port. */
  endpoint: string;
  reachable: boolean;
  /** The daemon's version when it answered. */
  serverVersion?: string;
  /** Which engine answered the Docker API: Podman says so in its version's components. */
  engine?: 'docker' | 'podman';
  /** Why it is not reachable. */
  reason?: string;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Where DOCKER_HOST (or the default) says the daemon listens. */
export function dockerEndpoint(
  dockerHost: string | undefined,
): { socketPath: string } | { host: string; port: number } | { unsupported: string } {
  if (!dockerHost) return { socketPath: DEFAULT_SOCKET };
  if (dockerHost.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  const tcp = /^tcp:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(dockerHost);
  if (tcp) return { host: tcp[1]!, port: tcp[2] === undefined ? 2375 : Number(tcp[2]) };
  return { unsupported: dockerHost };
}

/**
 * Asks the Docker daemon `GET /version` over its socket (or DOCKER_HOST's tcp address) with a
 * short timeout. Never throws: an unreachable daemon comes back with `reachable: false` and why.
 *
 * @example
 * const docker = await dockerStatus(process.env); // { reachable: false, reason: 'no socket at /var/run/docker.sock (ENOENT)', … }
 */
export async function dockerStatus(
  env: Record<string, string | undefined>,
  timeoutMs = 2000,
): Promise<DockerStatus> {
  const cliPath = (await findOnPath('docker', env.PATH)) ?? null;
  const where = dockerEndpoint(env.DOCKER_HOST);
  if ('unsupported' in where) {
    return {
      cliPath,
      endpoint: where.unsupported,
      reachable: false,
      reason: `DOCKER_HOST=${where.unsupported} is not a unix:// or tcp:// address (tls and ssh are not checked)`,
    };
  }
  const endpoint = 'socketPath' in where ? where.socketPath : `tcp://${where.host}:${where.port}`;
  return new Promise((resolve) => {
    const done = (status: Omit<DockerStatus, 'cliPath' | 'endpoint'>) =>
      resolve({ cliPath, endpoint, ...status });
    const request = http.get(
      { ...where, path: '/version', timeout: timeoutMs, headers: { Host: 'docker' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) {
            done({ reachable: false, reason: `the daemon answered HTTP ${response.statusCode}` });
            return;
          }
          let serverVersion: string | undefined;
          let engine: 'docker' | 'podman' = 'docker';
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              Version?: unknown;
              Components?: Array<{ Name?: unknown }>;
            };
            if (typeof body.Version === 'string') serverVersion = body.Version;
            if (body.Components?.some((c) => c.Name === 'Podman Engine')) engine = 'podman';
          } catch {
            // A 200 that is not JSON still proves a daemon is listening.
          }
          done(
            serverVersion === undefined
              ? { reachable: true, engine }
              : { reachable: true, serverVersion, engine },
          );
        });
      },
    );
    request.on('timeout', () => {
      request.destroy();
      done({ reachable: false, reason: `no answer from ${endpoint} within ${timeoutMs} ms` });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? `no socket at ${endpoint} (ENOENT): the Docker daemon is not running or not installed`
          : error.code === 'EACCES'
            ? `permission denied on ${endpoint} (EACCES): add the user to the docker group`
            : `cannot connect to ${endpoint}: ${error.message}`;
      done({ reachable: false, reason });
    });
  });
}
