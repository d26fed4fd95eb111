import { describe, expect, it } from 'vitest';
import { describeMissingEngine, engineCandidates, testcontainersEnv } from './find-engine.js';

describe('engineCandidates', () => {
  it('asks DOCKER_HOST alone when it is set', () => {
    expect(engineCandidates({ DOCKER_HOST: 'tcp://10.0.0.1:2375' })).toEqual([
      'tcp://10.0.0.1:2375',
    ]);
  });

  it("asks Docker's socket, then rootful and rootless Podman", () => {
    expect(engineCandidates({ XDG_RUNTIME_DIR: '/run/user/1000' })).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///run/podman/podman.sock',
      'unix:///run/user/1000/podman/podman.sock',
    ]);
  });
});

describe('describeMissingEngine', () => {
  it('names every place asked and how to start an engine, in one line', () => {
    const line = describeMissingEngine([
      { dockerHost: 'unix:///var/run/docker.sock', reason: 'no socket there' },
      { dockerHost: 'unix:///run/podman/podman.sock', reason: 'no socket there' },
    ]);
    expect(line).not.toContain('\n');
    expect(line).toMatch(
      /^no Docker-compatible engine answers: asked unix:\/\/\/var\/run\/docker.sock \(no socket there\); unix:\/\/\/run\/podman\/podman.sock/,
    );
    expect(line).toContain('podman system service');
  });
});

describe('testcontainersEnv', () => {
  const engine = {
    dockerHost: 'unix:///run/podman/podman.sock',
    engine: 'podman',
    cli: null,
  } as const;

  it('points testcontainers at the engine, without Ryuk, on 127.0.0.1', () => {
    expect(testcontainersEnv(engine, {})).toEqual({
      DOCKER_HOST: 'unix:///run/podman/podman.sock',
      TESTCONTAINERS_RYUK_DISABLED: 'true',
      TESTCONTAINERS_HOST_OVERRIDE: '127.0.0.1',
    });
  });

  it("keeps the user's own settings", () => {
    const env = {
      TESTCONTAINERS_RYUK_DISABLED: 'false',
      TESTCONTAINERS_HOST_OVERRIDE: 'docker.local',
    };
    expect(testcontainersEnv(engine, env)).toMatchObject(env);
  });
});
