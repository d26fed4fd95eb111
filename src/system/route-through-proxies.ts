import type { RunningToxiproxy } from '../adapters/toxiproxy/backend.js';
import { proxyName } from '../chaos/topology.js';
import type { RouteDependency } from './start-service.js';

/** `http://127.0.0.1:4102` → `127.0.0.1:4102`. */
function hostPort(url: string, host?: string): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return `${host ?? parsed.hostname}:${port}`;
}

/**
 * The `routeDependency` hook of startSystem that puts every dependency edge behind its own
 * Toxiproxy proxy, `<consumer>_to_<provider>`, created with `/populate`. A proxy that already
 * exists with the same upstream keeps its listen address (and nothing is recreated), so running
 * again against a long-lived Toxiproxy is idempotent. The consumer gets the proxy's URL through
 * the env var its config names.
 *
 * @example
 * const proxies: Record<string, string> = {};
 * await startSystem({ ..., routeDependency: routeThroughProxies(toxiproxy, proxies) });
 * proxies.orders_to_payments; // 'http://127.0.0.1:40123'
 */
export function routeThroughProxies(
  toxiproxy: RunningToxiproxy,
  /** Filled in with every proxy routed: name → URL. */
  proxies: Record<string, string>,
): RouteDependency {
  return async (edge) => {
    const name = proxyName(edge.consumer, edge.provider);
    const upstream = hostPort(edge.url, toxiproxy.upstreamHost);
    const existing = (await toxiproxy.client.proxies())[name];
    const [proxy] = await toxiproxy.client.populate([
      {
        name,
        upstream,
        listen:
          existing && existing.upstream === upstream
            ? existing.listen
            : `${toxiproxy.listenHost}:0`,
        enabled: true,
      },
    ]);
    if (!proxy) return edge.url;
    const url = `http://${hostPort(`http://${proxy.listen}`, toxiproxy.listenHost)}`;
    proxies[name] = url;
    return url;
  };
}
