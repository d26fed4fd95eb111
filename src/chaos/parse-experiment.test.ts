import { describe, expect, it } from 'vitest';
import { isGauntletError } from '../errors.js';
import { parseExperiment } from './parse-experiment.js';
import { unknownProxies } from './validate-experiment.js';

const GOOD = `title: slow inventory
steady-state-hypothesis:
  title: orders answers
  probes:
    - type: probe
      name: health
      tolerance: 200
      provider: { type: http, url: "\${orders_url}/health" }
method:
  - type: action
    name: slow
    provider:
      type: python
      module: chaostoxi.toxic.actions
      func: create_latency_toxic
      arguments: { for_proxy: orders_to_inventory, toxic_name: slow, latency: 3000 }
rollbacks:
  - type: action
    name: unslow
    provider:
      type: python
      module: chaostoxi.toxic.actions
      func: delete_toxic
      arguments: { for_proxy: orders_to_inventory, toxic_name: slow }
`;

function errorOf(text: string, file = 'chaos/x.yaml'): string {
  try {
    parseExperiment(file, text);
  } catch (error) {
    if (isGauntletError(error) && error.code === 'GAUNTLET_E_CHAOS_EXPERIMENT')
      return error.message;
    throw error;
  }
  throw new Error('expected a GAUNTLET_E_CHAOS_EXPERIMENT error');
}

describe('parseExperiment', () => {
  it('reads a Chaos Toolkit experiment with the chaostoolkit-toxiproxy functions', () => {
    const { experiment } = parseExperiment('chaos/x.yaml', GOOD);
    expect(experiment.title).toBe('slow inventory');
    expect(experiment.method).toHaveLength(1);
    expect(unknownProxies(experiment, new Set(['orders_to_inventory']))).toEqual([]);
  });

  it('names an unknown function with its file:line', () => {
    const text = GOOD.replace('func: create_latency_toxic', 'func: create_laggy_toxic');
    expect(errorOf(text)).toBe(
      'Failed to load the chaos experiment chaos/x.yaml: because chaos/x.yaml:15:13: unknown function chaostoxi.toxic.actions.create_laggy_toxic (known: create_toxic, create_latency_toxic, create_bandwith_degradation_toxic, create_slow_connection_close_toxic, create_timeout_toxic, create_slicer_toxic, create_limiter_toxic, delete_toxic)',
    );
  });

  it('names an unknown provider type and a tolerance of the wrong shape, each with its line', () => {
    const text = GOOD.replace('tolerance: 200', 'tolerance: { type: between, low: 1 }').replace(
      'type: python\n      module: chaostoxi.toxic.actions\n      func: create_latency_toxic',
      'type: ruby\n      module: chaostoxi.toxic.actions\n      func: create_latency_toxic',
    );
    expect(errorOf(text)).toBe(
      [
        'Failed to load the chaos experiment chaos/x.yaml: because of 2 problems:',
        '  chaos/x.yaml:7:26: unknown tolerance type "between" (use regex, jsonpath, range or probe)',
        '  chaos/x.yaml:13:13: unknown provider type "ruby" (use http, process, python or gauntlet)',
      ].join('\n'),
    );
  });

  it('reports a missing argument and a range tolerance of the wrong shape in JSON too', () => {
    const json = JSON.stringify(
      {
        title: 't',
        'steady-state-hypothesis': {
          title: 'h',
          probes: [
            {
              type: 'probe',
              name: 'p99',
              tolerance: { type: 'range', range: [0] },
              provider: { type: 'gauntlet', func: 'latency', arguments: { url: 'http://x' } },
            },
          ],
        },
        method: [
          {
            type: 'action',
            name: 'down',
            provider: { type: 'python', module: 'chaostoxi.proxy.actions', func: 'disable_proxy' },
          },
        ],
      },
      null,
      2,
    );
    expect(errorOf(json, 'chaos/x.json')).toBe(
      [
        'Failed to load the chaos experiment chaos/x.json: because of 2 problems:',
        "  chaos/x.json:11:20: a range tolerance needs 'range: [min, max]' with two numbers",
        "  chaos/x.json:29:19: chaostoxi.proxy.actions.disable_proxy needs the argument 'proxy_name' (string)",
      ].join('\n'),
    );
  });

  it('names a proxy that is not in the topology', () => {
    const { experiment, locate } = parseExperiment(
      'chaos/x.yaml',
      GOOD.replaceAll('orders_to_inventory', 'orders_to_warehouse'),
    );
    const problems = unknownProxies(
      experiment,
      new Set(['orders_to_inventory', 'gateway_to_orders']),
    );
    expect(problems.map((p) => `${locate(p.pointer).line}: ${p.message}`)).toEqual([
      "16: proxy 'orders_to_warehouse' is not in the topology (proxies: gateway_to_orders, orders_to_inventory)",
      "24: proxy 'orders_to_warehouse' is not in the topology (proxies: gateway_to_orders, orders_to_inventory)",
    ]);
  });

  it('names a fail_fast_ratio that is not a percentage, with its line', () => {
    const text = `${GOOD}runtime:\n  hypothesis:\n    strategy: continuously\n    fail_fast: true\n    fail_fast_ratio: 150\n`;
    expect(errorOf(text)).toBe(
      'Failed to load the chaos experiment chaos/x.yaml: because chaos/x.yaml:29:22: fail_fast_ratio is a percentage from 0 to 100',
    );
    const fine = `${GOOD}runtime:\n  hypothesis: { strategy: continuously, fail_fast: true, fail_fast_ratio: 25 }\n`;
    expect(
      parseExperiment('chaos/x.yaml', fine).experiment.runtime?.hypothesis?.fail_fast_ratio,
    ).toBe(25);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorOf('title: x\nmethod: [\n')).toMatch(
      /^Failed to load the chaos experiment chaos\/x\.yaml: because chaos\/x\.yaml:3:1: /,
    );
  });
});
