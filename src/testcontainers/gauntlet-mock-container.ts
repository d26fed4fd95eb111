import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import {
  AbstractStartedContainer,
  GenericContainer,
  type StartedTestContainer,
  Wait,
} from 'testcontainers';
import { imageSpec } from '../adapters/containers/images.js';
import { type AdminClient, createAdminClient } from '../admin-client/index.js';
import { sessionLabels } from './engine.js';
import { startWithCleanError } from './start.js';
import { gauntletVersion } from './version.js';

export const MOCK_PORT = 4010;

export interface GauntletMockContainerOptions {
  /** The image (default `localhost/gauntlet/mock:<gauntlet version>`, from `gauntlet image build mock`). */
  image?: string;
  /** The admin API's bearer token (default: a random one; the container needs one off loopback). */
  adminToken?: string;
  /** Request validation: on (default), warn, off. */
  validate?: 'on' | 'warn' | 'off';
  /** Seed for generated bodies. */
  seed?: number;
}

/**
 * `gauntlet mock` in a container, for integration tests: the contracts are copied in (files or
 * folders, as given to `gauntlet mock`), the container is healthy when its admin API answers.
 *
 * @example
 * const inventory = await new GauntletMockContainer('contracts/openapi/inventory.yaml').start();
 * await fetch(`${inventory.getBaseUrl()}/stock/abc`);
 * expect((await inventory.admin.journal()).entries).toHaveLength(1);
 * await inventory.stop();
 */
export class GauntletMockContainer extends GenericContainer {
  private readonly token: string;

  constructor(contracts: string | readonly string[], options: GauntletMockContainerOptions = {}) {
    super(options.image ?? imageSpec('mock', gauntletVersion()).tag);
    this.token = options.adminToken ?? randomBytes(16).toString('hex');
    const inside: string[] = [];
    for (const [i, contract] of [contracts].flat().entries()) {
      const source = path.resolve(contract);
      // Numbered folders keep two files of the same name apart.
      const target = `/contracts/${i}/${path.basename(source)}`;
      if (statSync(source).isDirectory()) {
        this.withCopyDirectoriesToContainer([{ source, target, mode: 0o755 }]);
      } else {
        this.withCopyFilesToContainer([{ source, target, mode: 0o644 }]);
      }
      inside.push(target);
    }
    const flags: string[] = [];
    if (options.validate) flags.push('--validate', options.validate);
    if (options.seed !== undefined) flags.push('--seed', String(options.seed));
    this.withCommand([...inside, ...flags])
      .withEnvironment({ GAUNTLET_ADMIN_TOKEN: this.token })
      .withExposedPorts(MOCK_PORT)
      .withWaitStrategy(
        Wait.forHttp('/__gauntlet/health', MOCK_PORT)
          .withHeaders({ Authorization: `Bearer ${this.token}` })
          .forStatusCode(200),
      )
      .withStartupTimeout(60_000);
  }

  override async start(): Promise<StartedGauntletMockContainer> {
    this.withLabels(await sessionLabels());
    const started = await startWithCleanError('gauntlet mock', () => super.start());
    return new StartedGauntletMockContainer(started, this.token);
  }
}

export class StartedGauntletMockContainer extends AbstractStartedContainer {
  /** The mock's admin API (journal, scenarios, stubs), with the container's token. */
  readonly admin: AdminClient;

  constructor(
    started: StartedTestContainer,
    readonly adminToken: string,
  ) {
    super(started);
    this.admin = createAdminClient(this.getBaseUrl(), { token: adminToken });
  }

  /** `http://127.0.0.1:<port>`, or the base of one service when several contracts share the port. */
  getBaseUrl(service?: string): string {
    const base = `http://${this.getHost()}:${this.getMappedPort(MOCK_PORT)}`;
    return service === undefined ? base : `${base}/${service}`;
  }
}
