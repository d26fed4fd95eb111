/** What the ordering needs of a service: the names of the services it calls. */
export interface DependencyNode {
  dependsOn?: ReadonlyArray<{ service: string }>;
}

/** The result of ordering: the start order, or the services caught in a cycle. */
export type DependencyOrder = { ok: true; order: string[] } | { ok: false; cycle: string[] };

/**
 * Orders services so that each comes after everything it calls (the order `gauntlet up` starts
 * them in). Ties keep the order the services are listed in, so the result is stable. A cycle is
 * returned as the path that closes it (`['a', 'b', 'a']`). Unknown dependency names are ignored
 * here; config validation reports them.
 *
 * @example
 * dependencyOrder({ gateway: { dependsOn: [{ service: 'orders' }] }, orders: {} });
 * // { ok: true, order: ['orders', 'gateway'] }
 */
export function dependencyOrder(services: Record<string, DependencyNode>): DependencyOrder {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const seen = state.get(name);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of services[name]?.dependsOn ?? []) {
      if (!(dep.service in services)) continue;
      const cycle = visit(dep.service);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    order.push(name);
    return undefined;
  };
  for (const name of Object.keys(services)) {
    const cycle = visit(name);
    if (cycle) return { ok: false, cycle };
  }
  return { ok: true, order };
}
