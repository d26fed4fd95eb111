// orders on its own: started for real against Gauntlet mocks of inventory, payments and the
// notifications webhook, built from their contracts — so the orders team can load-test its
// service without the rest of the system (and without the rest's latency in its figures).
import { defineLoad } from '../src/load/define-load.js';

export default defineLoad({
  name: 'orders alone, dependencies mocked',
  service: 'orders',
  dependencies: 'mocked',
  scenarios: {
    warmup: {
      executor: 'constant-arrival-rate',
      rate: 5,
      duration: '1s',
      preAllocatedVUs: 2,
      maxVUs: 20,
      requests: ['POST /orders'],
    },
    place: {
      executor: 'constant-arrival-rate',
      startTime: '1s',
      rate: 10,
      duration: '3s',
      preAllocatedVUs: 5,
      maxVUs: 50,
      requests: ['POST /orders'],
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{scenario:place}': ['p(95)<1500'],
    checks: ['rate>0.99'],
  },
});
