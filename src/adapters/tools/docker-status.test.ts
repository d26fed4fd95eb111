import { mkdtemp, rm } from 'node:fs/promises';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerEndpoint, dockerStatus } from './docker-status.js';

let dir: string;
let socket: string;
let server: http.Server;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gauntlet-docker-'));
  socket = path.join(dir, 'docker.sock');
  // Stands in for the daemon: answers the one request doctor makes.
  server = http.createServer((req, res) => {
    if (req.url === '/version') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Version: '27.3.1', ApiVersion: '1.47' }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('dockerEndpoint', () => {
  it('reads DOCKER_HOST or falls back to the default socket', () => {
    expect(dockerEndpoint(undefined)).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(dockerEndpoint('unix:///run/user/1000/docker.sock')).toEqual({
      socketPath: '/run/user/1000/docker.sock',
    });
    expect(dockerEndpoint('tcp://127.0.0.1:2376')).toEqual({ host: '127.0.0.1', port: 2376 });
    expect(dockerEndpoint('tcp://localhost')).toEqual({ host: 'localhost', port: 2375 });
    expect(dockerEndpoint('ssh://me@box')).toEqual({ unsupported: 'ssh://me@box' });
  });
});

describe('dockerStatus', () => {
  it('reports a daemon that answers on the socket', async () => {
    expect(await dockerStatus({ PATH: dir, DOCKER_HOST: `unix://${socket}` })).toEqual({
      cliPath: null,
      endpoint: socket,
      reachable: true,
      serverVersion: '27.3.1',
      engine: 'docker',
    });
  });

  it("tells Podman's Docker API from Docker's by its version components", async () => {
    const podmanSocket = path.join(dir, 'podman.sock');
    const podman = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Version: '4.3.1', Components: [{ Name: 'Podman Engine' }] }));
    });
    await new Promise<void>((resolve) => podman.listen(podmanSocket, resolve));
    try {
      expect(await dockerStatus({ PATH: dir, DOCKER_HOST: `unix://${podmanSocket}` })).toEqual({
        cliPath: null,
        endpoint: podmanSocket,
        reachable: true,
        serverVersion: '4.3.1',
        engine: 'podman',
      });
    } finally {
      await new Promise<void>((resolve) => podman.close(() => resolve()));
    }
  });

  it('reports a missing socket as unreachable, with the reason', async () => {
    const missing = path.join(dir, 'nope.sock');
    expect(await dockerStatus({ PATH: dir, DOCKER_HOST: `unix://${missing}` })).toEqual({
      cliPath: null,
      endpoint: missing,
      reachable: false,
      reason: `no socket at ${missing} (ENOENT): the Docker daemon is not running or not installed`,
    });
  });

  it('does not try schemes it cannot check', async () => {
    expect(await dockerStatus({ DOCKER_HOST: 'ssh://me@box' })).toEqual({
      cliPath: null,
      endpoint: 'ssh://me@box',
      reachable: false,
      reason:
        'DOCKER_HOST=ssh://me@box is not a unix:// or tcp:// address (tls and ssh are not checked)',
    });
  });
});
