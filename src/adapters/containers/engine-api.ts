import * as http from 'node:http';
import { GauntletError } from '../../errors.js';
import { dockerEndpoint } from '../tools/docker-status.js';

/**
 * The few Docker Engine API calls Gauntlet makes itself (the reaper, image facts), over the
 * engine's socket with a timeout on every call. Podman serves the same API.
 */
export interface EngineApi {
  /** Containers (running or not) carrying `label=value`, with their labels and published ports. */
  containersWithLabel(label: string, value: string): Promise<EngineContainer[]>;
  removeContainer(id: string): Promise<void>;
  /** Networks whose name starts with `prefix`. */
  networksNamed(prefix: string): Promise<string[]>;
  removeNetwork(id: string): Promise<void>;
  /** The image's size in bytes, or null when the engine does not have it. */
  imageSize(tag: string): Promise<number | null>;
}

export interface EngineContainer {
  id: string;
  names: string[];
  labels: Record<string, string>;
  /** Published ports: the container's port and where the host reaches it. */
  ports: Array<{ privatePort: number; publicPort?: number; ip?: string }>;
}

function call(
  dockerHost: string,
  method: string,
  path: string,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  const where = dockerEndpoint(dockerHost);
  if ('unsupported' in where) {
    return Promise.reject(
      new GauntletError(
        'GAUNTLET_E_CONTAINER_ENGINE',
        `Failed to reach the container engine: because DOCKER_HOST=${dockerHost} is not a unix:// or tcp:// address.`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      { ...where, method, path, timeout: timeoutMs, headers: { Host: 'engine' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    request.on('timeout', () => {
      request.destroy(new Error(`no answer within ${timeoutMs} ms`));
    });
    request.on('error', (error) =>
      reject(
        new GauntletError(
          'GAUNTLET_E_CONTAINER_ENGINE',
          `Failed to call the container engine (${method} ${path}): because ${error.message}.`,
          { hint: 'Check that the engine runs: `gauntlet doctor`.' },
        ),
      ),
    );
    request.end();
  });
}

/** @example const api = engineApi('unix:///run/podman/podman.sock'); await api.imageSize('gauntlet/mock:0.1.0'); */
export function engineApi(dockerHost: string, timeoutMs = 10_000): EngineApi {
  const filter = (label: string, value: string) =>
    encodeURIComponent(JSON.stringify({ label: [`${label}=${value}`] }));
  const expectOk = (what: string, r: { status: number; body: string }) => {
    // 404: already gone — removal is idempotent.
    if (r.status >= 400 && r.status !== 404) {
      throw new GauntletError(
        'GAUNTLET_E_CONTAINER_ENGINE',
        `Failed to ${what}: because the engine answered ${r.status}: ${r.body.slice(0, 300)}`,
      );
    }
  };
  return {
    async containersWithLabel(label, value) {
      const r = await call(
        dockerHost,
        'GET',
        `/containers/json?all=true&filters=${filter(label, value)}`,
        timeoutMs,
      );
      expectOk('list containers', r);
      const list = JSON.parse(r.body) as Array<{
        Id: string;
        Names?: string[];
        Labels?: Record<string, string>;
        Ports?: Array<{ PrivatePort: number; PublicPort?: number; IP?: string }>;
      }>;
      return list.map((c) => ({
        id: c.Id,
        names: c.Names ?? [],
        labels: c.Labels ?? {},
        ports: (c.Ports ?? []).map((p) => ({
          privatePort: p.PrivatePort,
          ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
          ...(p.IP ? { ip: p.IP } : {}),
        })),
      }));
    },
    async removeContainer(id) {
      expectOk(
        `remove container ${id}`,
        await call(dockerHost, 'DELETE', `/containers/${id}?force=true&v=true`, timeoutMs),
      );
    },
    async networksNamed(prefix) {
      const query = encodeURIComponent(JSON.stringify({ name: [prefix] }));
      const r = await call(dockerHost, 'GET', `/networks?filters=${query}`, timeoutMs);
      expectOk('list networks', r);
      const list = JSON.parse(r.body) as Array<{ Id: string; Name: string }>;
      return list.filter((n) => n.Name.startsWith(prefix)).map((n) => n.Id);
    },
    async removeNetwork(id) {
      expectOk(
        `remove network ${id}`,
        await call(dockerHost, 'DELETE', `/networks/${id}`, timeoutMs),
      );
    },
    async imageSize(tag) {
      const r = await call(dockerHost, 'GET', `/images/${encodeURIComponent(tag)}/json`, timeoutMs);
      if (r.status === 404) return null;
      expectOk(`inspect image ${tag}`, r);
      const size = (JSON.parse(r.body) as { Size?: unknown }).Size;
      return typeof size === 'number' ? size : null;
    },
  };
}
