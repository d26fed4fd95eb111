import {
  AbstractStartedContainer,
  GenericContainer,
  type StartedTestContainer,
  Wait,
} from 'testcontainers';
import { imageSpec } from '../adapters/containers/images.js';
import {
  createToxiproxyClient,
  type ToxiproxyClient,
  type ToxiproxyProxy,
} from '../adapters/toxiproxy/client.js';
import { sessionLabels } from './engine.js';
import { startWithCleanError } from './start.js';
import { gauntletVersion } from './version.js';

export const TOXIPROXY_API_PORT = 8474;
/** The first of the ports proxies listen on inside the container (one per proxy, in order). */
export const TOXIPROXY_FIRST_PROXY_PORT = 8666;

export interface ToxiproxyContainerOptions {
  image?: string;
  /** How many proxy ports to expose (default 8: 8666–8673). */
  proxyPorts?: number;
}

/**
 * Toxiproxy in a container, driven by the same typed client as `gauntlet chaos` (timeouts on
 * every call, the server's error body kept). `createProxy` hands out the exposed ports in order
 * and answers with the address the host reaches the proxy at.
 *
 * @example
 * const toxiproxy = await new ToxiproxyContainer().withNetwork(network).start();
 * const proxy = await toxiproxy.createProxy({ name: 'orders_to_inventory', upstream: 'inventory:4010' });
 * await toxiproxy.client.addToxic(proxy.name, { type: 'latency', attributes: { latency: 500 } });
 * await fetch(`${proxy.url}/stock/abc`);
 */
export class ToxiproxyContainer extends GenericContainer {
  private readonly proxyPorts: number;

  constructor(options: ToxiproxyContainerOptions = {}) {
    super(options.image ?? imageSpec('toxiproxy', gauntletVersion()).tag);
    this.proxyPorts = options.proxyPorts ?? 8;
    const ports = Array.from({ length: this.proxyPorts }, (_, i) => TOXIPROXY_FIRST_PROXY_PORT + i);
    this.withExposedPorts(TOXIPROXY_API_PORT, ...ports)
      .withWaitStrategy(Wait.forHttp('/version', TOXIPROXY_API_PORT).forStatusCode(200))
      .withStartupTimeout(30_000);
  }

  override async start(): Promise<StartedToxiproxyContainer> {
    this.withLabels(await sessionLabels());
    const started = await startWithCleanError('Toxiproxy', () => super.start());
    return new StartedToxiproxyContainer(started, this.proxyPorts);
  }
}

export interface ContainerProxy extends ToxiproxyProxy {
  /** `http://127.0.0.1:<mapped port>`: where the host's code calls through the proxy. */
  url: string;
  host: string;
  port: number;
}

export class StartedToxiproxyContainer extends AbstractStartedContainer {
  readonly client: ToxiproxyClient;
  private next = 0;

  constructor(
    started: StartedTestContainer,
    private readonly proxyPorts: number,
  ) {
    super(started);
    this.client = createToxiproxyClient(
      `http://${this.getHost()}:${this.getMappedPort(TOXIPROXY_API_PORT)}`,
    );
  }

  /** Creates a proxy on the next free exposed port; `upstream` is `host:port` as the container sees it. */
  async createProxy(input: {
    name: string;
    upstream: string;
    enabled?: boolean;
  }): Promise<ContainerProxy> {
    if (this.next >= this.proxyPorts) {
      throw new Error(
        `Failed to create proxy ${input.name}: because all ${this.proxyPorts} exposed proxy ports are used. Pass { proxyPorts } to ToxiproxyContainer.`,
      );
    }
    const inside = TOXIPROXY_FIRST_PROXY_PORT + this.next++;
    const proxy = await this.client.createProxy({ ...input, listen: `0.0.0.0:${inside}` });
    const host = this.getHost();
    const port = this.getMappedPort(inside);
    return { ...proxy, host, port, url: `http://${host}:${port}` };
  }
}

/**
 * Toxiproxy in a container on the host's network (Linux): its API and proxies listen on
 * 127.0.0.1 like the local process would, and it reaches services bound to 127.0.0.1 — which a
 * bridged container cannot. This is what `gauntlet chaos --toxiproxy docker` runs.
 *
 * @example
 * const toxiproxy = await startHostNetworkToxiproxy(await freePort());
 * await toxiproxy.client.populate([{ name: 'orders_to_inventory', listen: '127.0.0.1:0', upstream: '127.0.0.1:4102' }]);
 */
export async function startHostNetworkToxiproxy(
  apiPort: number,
  options: { image?: string } = {},
): Promise<{ container: StartedTestContainer; client: ToxiproxyClient; url: string }> {
  const container = await startWithCleanError('Toxiproxy', async () =>
    new GenericContainer(options.image ?? imageSpec('toxiproxy', gauntletVersion()).tag)
      .withNetworkMode('host')
      .withCommand(['-host', '127.0.0.1', '-port', String(apiPort)])
      .withLabels(await sessionLabels())
      .withWaitStrategy(Wait.forLogMessage(/Starting Toxiproxy HTTP server/))
      .withStartupTimeout(30_000)
      .start(),
  );
  const url = `http://127.0.0.1:${apiPort}`;
  return { container, url, client: createToxiproxyClient(url) };
}
