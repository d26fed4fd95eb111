import {
  AbstractStartedContainer,
  GenericContainer,
  type StartedTestContainer,
  Wait,
} from 'testcontainers';
import { imageSpec } from '../adapters/containers/images.js';
import { sessionLabels } from './engine.js';
import { startWithCleanError } from './start.js';
import { gauntletVersion } from './version.js';

export const HOVERFLY_ADMIN_PORT = 8888;
export const HOVERFLY_PROXY_PORT = 8500;

/**
 * Hoverfly (webserver mode) in a container; `importSimulation` loads a simulation through its
 * admin API (`PUT /api/v2/simulation`).
 *
 * @example
 * const hoverfly = await new HoverflyContainer().start();
 * await hoverfly.importSimulation(JSON.parse(await readFile('mocks/inventory.json', 'utf8')));
 * await fetch(`${hoverfly.getBaseUrl()}/stock/abc`);
 */
export class HoverflyContainer extends GenericContainer {
  constructor(options: { image?: string } = {}) {
    super(options.image ?? imageSpec('hoverfly', gauntletVersion()).tag);
    this.withExposedPorts(HOVERFLY_ADMIN_PORT, HOVERFLY_PROXY_PORT)
      .withWaitStrategy(Wait.forHttp('/api/health', HOVERFLY_ADMIN_PORT).forStatusCode(200))
      .withStartupTimeout(30_000);
  }

  override async start(): Promise<StartedHoverflyContainer> {
    this.withLabels(await sessionLabels());
    return new StartedHoverflyContainer(await startWithCleanError('Hoverfly', () => super.start()));
  }
}

export class StartedHoverflyContainer extends AbstractStartedContainer {
  constructor(started: StartedTestContainer) {
    super(started);
  }

  /** Where the simulated services answer (webserver mode). */
  getBaseUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(HOVERFLY_PROXY_PORT)}`;
  }

  getAdminUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(HOVERFLY_ADMIN_PORT)}`;
  }

  /** Replaces the simulation; throws with Hoverfly's own error text when it refuses one. */
  async importSimulation(simulation: unknown): Promise<void> {
    const response = await fetch(`${this.getAdminUrl()}/api/v2/simulation`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(simulation),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(
        `Failed to import the simulation into Hoverfly: because it answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
    }
  }
}
