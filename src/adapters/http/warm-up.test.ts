import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { MockEngine } from '../../mock/types.js';
import { warmUpInBackground } from './warm-up.js';

/** An engine with `tasks` units of warm-up work, each taking about `taskMs`. */
function slowEngine(tasks: number, taskMs: number): MockEngine & { done: number; calls: number } {
  const engine = {
    done: 0,
    calls: 0,
    handle: () => ({ status: 200, headers: [] }),
    warmUp(keepGoing: () => boolean): boolean {
      engine.calls++;
      do {
        const end = performance.now() + taskMs;
        while (performance.now() < end) {
          // busy, like an ajv compile
        }
        engine.done++;
      } while (engine.done < tasks && keepGoing());
      return engine.done < tasks;
    },
  };
  return engine;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !check(); i++) await nextTurn();
}

describe('warmUpInBackground', () => {
  it('finishes the work in short slices, one turn of the event loop apart', async () => {
    const engine = slowEngine(20, 1);
    warmUpInBackground(engine, 3);
    expect(engine.done).toBe(0); // nothing runs synchronously: the server starts first
    await until(() => engine.done === 20);
    expect(engine.done).toBe(20);
    // 20 ms of work in slices of ~3 ms: several slices, never all at once.
    expect(engine.calls).toBeGreaterThanOrEqual(4);
  });

  it('can be stopped, and ignores engines without warm-up', async () => {
    const engine = slowEngine(1000, 1);
    const stop = warmUpInBackground(engine, 2);
    await until(() => engine.done > 0);
    stop();
    const done = engine.done;
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(engine.done).toBe(done);
    expect(done).toBeLessThan(1000);
    const stopNothing = warmUpInBackground({ handle: () => ({ status: 200, headers: [] }) });
    expect(stopNothing()).toBeUndefined();
  });

  it('steps aside while requests arrive, and resumes once they stop', async () => {
    const engine = slowEngine(1000, 1);
    const activity = { requests: 0 };
    const stop = warmUpInBackground(engine, 2, activity, 20);
    await until(() => engine.done > 0);
    // A request on every turn of the event loop: no warm-up work between them.
    const before = engine.done;
    for (let i = 0; i < 50; i++) {
      activity.requests++;
      await nextTurn();
    }
    expect(engine.done).toBe(before);
    // Quiet again: after the idle delay the work goes on.
    await new Promise((resolve) => setTimeout(resolve, 60));
    await until(() => engine.done > before);
    expect(engine.done).toBeGreaterThan(before);
    stop();
  });
});
