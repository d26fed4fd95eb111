import { allChecks } from '../../load/checks.js';
import type { LoadSummary } from '../../load/summary.js';
import type { Check } from '../types.js';

/**
 * A load run as checks, for `gauntlet run`, JUnit and the reports: one per threshold
 * expression, one per k6 check (failed when any call failed it), and the generator's health
 * (skipped, with the reason, when it could not keep up: its latencies are not the server's).
 *
 * @example
 * loadChecks(summary).map((c) => c.name);
 * // ['shop: threshold http_req_duration p(95)<300', 'shop: check GET /stock/{sku}: status 2xx/3xx', 'shop: generator kept up']
 */
export function loadChecks(summary: LoadSummary): Check[] {
  const suite = summary.gauntlet.suite;
  const checks: Check[] = [];
  for (const [metric, m] of Object.entries(summary.metrics)) {
    for (const [source, result] of Object.entries(m.thresholds ?? {})) {
      const values = Object.entries(m.values)
        .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(3)}`)
        .join(' ');
      checks.push({
        name: `${suite}: threshold ${metric} ${source}`,
        status: result.ok ? 'passed' : 'failed',
        message: values === '' ? 'no samples' : values,
      });
    }
  }
  for (const c of allChecks(summary.root_group)) {
    const total = c.passes + c.fails;
    checks.push({
      name: `${suite}: check ${c.name}`,
      status: c.fails === 0 ? 'passed' : 'failed',
      message: `${c.passes}/${total} passed`,
    });
  }
  const g = summary.gauntlet.generator;
  checks.push({
    name: `${suite}: generator kept up`,
    status: g.keptUp ? 'passed' : 'skipped',
    message: g.keptUp
      ? `schedule lag p99 ${g.scheduleLagP99Ms.toFixed(1)} ms, CPU ${Math.round(g.cpu * 100)}% of a core`
      : `the generator could not keep up: ${g.reasons.join('; ')}`,
  });
  if (summary.gauntlet.aborted) {
    checks.push({
      name: `${suite}: ran to the end`,
      status: 'failed',
      message: 'aborted by an abortOnFail threshold or an interrupt',
    });
  }
  return checks;
}
