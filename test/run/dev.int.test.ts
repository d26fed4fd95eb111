// `gauntlet dev orders`, driven the way a developer uses it: start, call the service, read the
// tailed log, Ctrl-C. Needs the built CLI (`npm run build`; `npm test` builds first).
import { afterAll, describe, expect, it } from 'vitest';
import { alive, type CliSession, spawnCli } from './spawn-cli.js';

let session: CliSession | undefined;

afterAll(async () => {
  if (session && session.child.exitCode === null) {
    session.child.kill('SIGKILL');
    await session.exited;
  }
});

describe('gauntlet dev orders', () => {
  it('serves orders against mocked inventory, payments and notifications until Ctrl-C', async () => {
    session = spawnCli(['dev', 'orders', '--free-ports']);
    const ready = await session.waitFor(/^ready: orders at (\S+) \(pid (\d+)\)/m, 90_000);

    // Three mocks (one port each), then the service, with their URLs and PIDs.
    const mockUrls = Object.fromEntries(
      [...ready.matchAll(/^✓ (\w+) \(mock\)\s+(http:\/\/127\.0\.0\.1:\d+)\s+from (.+)$/gm)].map(
        (m) => [m[1], [m[2], m[3]]],
      ),
    );
    expect(Object.keys(mockUrls).sort()).toEqual(['inventory', 'notifications', 'payments']);
    expect(mockUrls.inventory?.[1]).toBe('contracts/openapi/inventory.yaml');
    expect(mockUrls.payments?.[1]).toBe('contracts/raml/payments.raml');
    const [, url, pid] = /^ready: orders at (\S+) \(pid (\d+)\)/m.exec(ready)!;
    const pids = [...ready.matchAll(/\(pid (\d+), healthy in/g)].map((m) => Number(m[1]));
    expect(pids).toEqual([Number(pid)]);
    expect(alive(Number(pid))).toBe(true);

    // A real request through orders: stock reserved at the inventory mock, charged at the
    // payments mock; the ids are the contracts' examples.
    const placed = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': 'alice' },
      body: JSON.stringify({ sku: 'abc', quantity: 2 }),
    });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as Record<string, unknown>;
    expect(order).toMatchObject({
      user: 'alice',
      sku: 'abc',
      quantity: 2,
      reservationId: 'r-1',
      chargeId: 'ch-1',
    });
    const read = await fetch(`${url}/orders/${String(order.id)}`, {
      headers: { 'x-user': 'alice' },
    });
    expect(read.status).toBe(200);

    // The mocks' traffic is in the tailed log; the webhook reaches the notifications mock.
    await session.waitFor(/^inventory mock\s+\| POST \/reservations → 201/m, 10_000);
    await session.waitFor(/^payments mock\s+\| POST \/charges → 201/m, 10_000);
    await session.waitFor(/^notifications mock\s+\| POST \/webhooks\/order-placed → 202/m, 10_000);

    // A request the inventory contract does not have is highlighted once, as a miss naming the
    // closest operation and why it missed (from the mock's journal).
    const miss = await fetch(`${mockUrls.inventory![0]}/stocks/abc`);
    expect(miss.status).toBe(404);
    const missLine =
      /^inventory mock\s+\| MISS GET \/stocks\/abc → 404 — closest: GET \/stock\/\{sku\} \(\w+\) \(path segment 1 is 'stocks', \/stock\/\{sku\} expects 'stock'\)/m;
    await session.waitFor(missLine, 10_000);
    expect(session.output().match(/^inventory mock\s+\|.*\/stocks\/abc/gm)).toHaveLength(1);

    // Ctrl-C stops the service by PID and closes the mocks.
    session.child.kill('SIGINT');
    expect(await session.exited).toBe(0);
    expect(session.output()).toMatch(/\nstopped\n$/);
    expect(alive(Number(pid))).toBe(false);
    await expect(fetch(`${mockUrls.inventory![0]}/stock/abc`)).rejects.toThrow();
  }, 120_000);
});
