// A worker thread of the built-in load engine: it runs its slice of every open-model scenario
// (iterations index, index + count, …) of plain requests, on the same schedule as the other
// workers, and sends back what it measured as plain data for the main thread to merge.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { requestsIteration } from '../../load/requests-iteration.js';
import { startThread, type ThreadRun } from './load-thread.js';
import type { MainMessage, WorkerInput, WorkerMessage } from './worker-protocol.js';

const input = workerData as WorkerInput;
const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread of runLoad');

let aborted = false;
let thread: ThreadRun<unknown> | undefined;
const start = new Promise<Extract<MainMessage, { type: 'start' }>>((resolve) => {
  port.on('message', (message: MainMessage) => {
    if (message.type === 'start') resolve(message);
    else {
      aborted = true;
      thread?.interrupt();
    }
  });
});
const ready: WorkerMessage = { type: 'ready', thread: input.slice.index };
port.postMessage(ready);
const { runEpochMs, scenarioEpochMs } = await start;
// The run's clock is the main thread's: its epoch (ms since 1970, sub-ms) on this thread's clock.
const local = (epochMs: number) => epochMs - performance.timeOrigin;
const run = startThread<unknown>(
  {
    baseUrl: input.baseUrl,
    headers: input.headers,
    scenarios: Object.fromEntries(
      Object.entries(input.scenarios).map(([name, s]) => [
        name,
        { scenario: s.scenario, iteration: requestsIteration(s.requests) },
      ]),
    ),
    thresholds: input.thresholds,
    metrics: input.metrics,
    data: undefined,
    runStart: local(runEpochMs),
    scenarioStart: local(scenarioEpochMs),
    slice: input.slice,
    vuSlots: new Int32Array(input.vuSlots),
  },
  () => aborted,
  (state) => {
    const second = state.metrics.lastFullSecond(performance.now() - state.start);
    const message: WorkerMessage = {
      type: 'second',
      thread: input.slice.index,
      requests: state.requests,
      failed: state.failed,
      iterations: state.iterations,
      dropped: state.dropped,
      p50: second.p50,
      p99: second.p99,
      ...(input.live ? { metrics: state.metrics.save() } : {}),
    };
    port.postMessage(message);
  },
);
thread = run;
if (aborted) run.interrupt();
await run.done;
const { state } = run;
const done: WorkerMessage = {
  type: 'done',
  thread: input.slice.index,
  metrics: state.metrics.save(),
  checks: state.checks.summary(),
  errors: [...state.errors],
  requests: state.requests,
  failed: state.failed,
  iterations: state.iterations,
  dropped: state.dropped,
  maxBusy: run.runs.map((r) => r.maxBusy),
  utilization: run.utilization(),
};
port.postMessage(done);
port.close();
