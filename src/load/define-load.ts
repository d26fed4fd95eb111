import type { LoadSuite } from './types.js';

/**
 * Identity helper that gives a load suite type checking and editor completion (as
 * `defineConfig`). The suite is validated when `gauntlet load` reads it.
 *
 * @example
 * export default defineLoad({
 *   service: 'gateway',
 *   scenarios: { browse: { executor: 'constant-arrival-rate', rate: 50, duration: '10s', preAllocatedVUs: 10, requests: ['GET /products'] } },
 *   thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(95)<200'] },
 * });
 */
export function defineLoad<Data = unknown>(suite: LoadSuite<Data>): LoadSuite<Data> {
  return suite;
}
