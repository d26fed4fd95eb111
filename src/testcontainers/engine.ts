import { randomUUID } from 'node:crypto';
import { Network, type StartedNetwork } from 'testcontainers';
import {
  type ContainerEngine,
  describeMissingEngine,
  findContainerEngine,
  testcontainersEnv,
} from '../adapters/containers/find-engine.js';
import { GauntletError } from '../errors.js';
import { startReaper } from './reaper.js';

/** The label on every container and network Gauntlet starts: the reaper removes by it. */
export const SESSION_LABEL = 'gauntlet.session';

interface Session {
  engine: ContainerEngine;
  id: string;
}

let session: Promise<Session> | undefined;

/**
 * Finds the container engine once per process, points testcontainers at it (DOCKER_HOST, no
 * Ryuk, 127.0.0.1 as the host — only where those are not set already), and starts Gauntlet's
 * reaper, which removes this session's containers when the process ends however it ends.
 * Every container class calls it; call it yourself to fail early with the one-line reason.
 *
 * @example
 * const engine = await useContainerEngine(); // throws GAUNTLET_E_CONTAINER_ENGINE when none answers
 */
export async function useContainerEngine(): Promise<{
  engine: ContainerEngine;
  sessionId: string;
}> {
  session ??= (async () => {
    const { found, tried } = await findContainerEngine(process.env);
    if (!found) {
      session = undefined;
      throw new GauntletError(
        'GAUNTLET_E_CONTAINER_ENGINE',
        `Failed to start a container: because ${describeMissingEngine(tried)}`,
      );
    }
    for (const [key, value] of Object.entries(testcontainersEnv(found, process.env))) {
      process.env[key] ??= value;
    }
    const id = randomUUID();
    startReaper({
      dockerHost: found.dockerHost,
      label: SESSION_LABEL,
      value: id,
      networkPrefix: networkPrefix(id),
    });
    return { engine: found, id };
  })();
  const { engine, id } = await session;
  return { engine, sessionId: id };
}

/** Networks of a session are named `gauntlet-<session>-<n>` (testcontainers cannot label them). */
function networkPrefix(sessionId: string): string {
  return `gauntlet-${sessionId}`;
}

let networks = 0;

/**
 * A network for containers that talk to each other by name (a Toxiproxy container forwarding to
 * a mock container): `withNetwork(network).withNetworkAliases('inventory')`.
 *
 * @example
 * const network = await startNetwork();
 * const inventory = await new GauntletMockContainer('contracts/openapi/inventory.yaml')
 *   .withNetwork(network).withNetworkAliases('inventory').start();
 */
export async function startNetwork(): Promise<StartedNetwork> {
  const { sessionId } = await useContainerEngine();
  return new Network({ nextUuid: () => `${networkPrefix(sessionId)}-${++networks}` }).start();
}

/** Labels for a container of this session. */
export async function sessionLabels(): Promise<Record<string, string>> {
  const { sessionId } = await useContainerEngine();
  return { [SESSION_LABEL]: sessionId };
}
