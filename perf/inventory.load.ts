// inventory's hot path: stock lookups, built from its contract's examples and checked against
// its schema. `gauntlet load perf/inventory.load.ts` starts inventory from gauntlet.config.ts
// (it calls nothing, so nothing is mocked; or use --target http://host:port) and holds 50
// lookups/s whatever inventory does.
import { defineLoad } from '../src/load/define-load.js';

export default defineLoad({
  name: 'inventory stock lookups',
  service: 'inventory',
  dependencies: 'mocked',
  scenarios: {
    // A second of light traffic first: the service (run through tsx) and the generator compile
    // their hot paths; the thresholds judge the measured scenario only.
    warmup: {
      executor: 'constant-arrival-rate',
      rate: 20,
      duration: '1s',
      preAllocatedVUs: 5,
      maxVUs: 50,
      requests: ['GET /stock/{sku}'],
    },
    lookups: {
      executor: 'constant-arrival-rate',
      startTime: '1s',
      rate: 50,
      duration: '3s',
      preAllocatedVUs: 10,
      maxVUs: 100,
      requests: ['GET /stock/{sku}'],
    },
  },
  // Generous for a 2-core machine shared with others (a lookup takes ~2 ms when it is quiet),
  // but a lookup that takes half a second at 50/s, or any error, is worth stopping for.
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{scenario:lookups}': ['p(95)<500', 'p(99)<1500'],
    checks: ['rate>0.99'],
    'dropped_iterations{scenario:lookups}': ['count<10'],
  },
});
