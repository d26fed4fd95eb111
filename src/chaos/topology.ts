import type { GauntletConfig } from '../config.js';

/** One dependency edge of the system, routed through its own Toxiproxy proxy. */
export interface ProxyEdge {
  /** `<consumer>_to_<provider>`, e.g. `orders_to_payments`. */
  name: string;
  consumer: string;
  provider: string;
  /** The env var the consumer reads the provider's URL from (its config's `dependsOn[].env`). */
  env: string;
}

/**
 * Every dependency edge of the config's services, each with its proxy name, in the services'
 * order. Two edges between the same pair (one service called through two env vars) share one
 * proxy.
 *
 * @example
 * proxyEdges(config).map((e) => e.name);
 * // ['orders_to_inventory', 'orders_to_payments', 'orders_to_notifications', 'gateway_to_orders', 'gateway_to_inventory']
 */
export function proxyEdges(config: GauntletConfig): ProxyEdge[] {
  const edges: ProxyEdge[] = [];
  const seen = new Set<string>();
  for (const [consumer, service] of Object.entries(config.services ?? {})) {
    for (const dep of service.dependsOn ?? []) {
      const name = proxyName(consumer, dep.service);
      if (seen.has(name)) continue;
      seen.add(name);
      edges.push({ name, consumer, provider: dep.service, env: dep.env });
    }
  }
  return edges;
}

/** The proxy name of an edge: `orders` → `payments` is `orders_to_payments`. */
export function proxyName(consumer: string, provider: string): string {
  return `${consumer}_to_${provider}`;
}
