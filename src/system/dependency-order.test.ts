import { describe, expect, it } from 'vitest';
import { dependencyOrder } from './dependency-order.js';

describe('dependencyOrder', () => {
  it('starts what is called before its callers, keeping listed order for ties', () => {
    expect(
      dependencyOrder({
        gateway: { dependsOn: [{ service: 'orders' }, { service: 'inventory' }] },
        orders: { dependsOn: [{ service: 'inventory' }, { service: 'payments' }] },
        inventory: {},
        payments: {},
        notifications: {},
      }),
    ).toEqual({ ok: true, order: ['inventory', 'payments', 'orders', 'gateway', 'notifications'] });
  });

  it('returns the path that closes a cycle', () => {
    expect(
      dependencyOrder({
        a: { dependsOn: [{ service: 'b' }] },
        b: { dependsOn: [{ service: 'c' }] },
        c: { dependsOn: [{ service: 'b' }] },
      }),
    ).toEqual({ ok: false, cycle: ['b', 'c', 'b'] });
  });

  it('reports a service that calls itself', () => {
    expect(dependencyOrder({ a: { dependsOn: [{ service: 'a' }] } })).toEqual({
      ok: false,
      cycle: ['a', 'a'],
    });
  });

  it('ignores names that are not services (validation reports those)', () => {
    expect(dependencyOrder({ a: { dependsOn: [{ service: 'ghost' }] } })).toEqual({
      ok: true,
      order: ['a'],
    });
  });
});
