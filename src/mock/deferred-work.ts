/**
 * Compile work the engine puts off so that it can start serving at once: validators of every
 * operation, default answers, callback bodies. Each task also runs on its own the first time a
 * request needs it, so warming up is an optimisation, never a precondition. The adapter drives
 * `run` in short idle slices after the server listens (see src/adapters/http/warm-up.ts).
 */
export class DeferredWork {
  private readonly tasks: Array<() => void> = [];
  private next = 0;

  /** Queues a task; tasks must be idempotent (a request may already have done the work). */
  add(task: () => void): void {
    this.tasks.push(task);
  }

  /** Tasks not yet run. */
  get pending(): number {
    return this.tasks.length - this.next;
  }

  /**
   * Runs queued tasks, in order, while `keepGoing()` answers true (checked before each task, so
   * at least one runs per call). Returns true while tasks remain. A task that throws is dropped:
   * the request that needs its result will compile it again and report the problem there.
   *
   * @example
   * const work = new DeferredWork();
   * work.add(() => compileValidators());
   * const end = Date.now() + 5;
   * while (work.run(() => Date.now() < end)) {} // or one slice per event-loop turn
   */
  run(keepGoing: () => boolean): boolean {
    let first = true;
    while (this.next < this.tasks.length && (first || keepGoing())) {
      first = false;
      const task = this.tasks[this.next]!;
      this.next++;
      try {
        task();
      } catch {
        // Left for the first request to redo and report.
      }
    }
    if (this.next >= this.tasks.length) {
      // Done: let the closures (and what they hold) go.
      this.tasks.length = 0;
      this.next = 0;
      return false;
    }
    return true;
  }
}
