import { defineLoad } from 'gauntlet';

export default defineLoad({
  name: 'inventory stock lookups',
  service: 'inventory',
  scenarios: {
    lookups: {
      executor: 'constant-arrival-rate',
      rate: 50,
      duration: '3s',
      preAllocatedVUs: 10,
      maxVUs: 100,
      requests: ['GET /stock/{sku}'],
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{scenario:lookups}': ['p(95)<500'],
  },
});
