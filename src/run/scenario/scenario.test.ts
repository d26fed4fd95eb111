import { describe, expect, it } from 'vitest';
import { isGauntletError } from '../../errors.js';
import { parseScenario } from './scenario.js';

/** `${name}` as scenarios write it (built, so the linter does not take it for a template). */
const ref = (name: string): string => `$${'{'}${name}}`;

function failure(text: string): { code: string; message: string } {
  try {
    parseScenario('scenarios/x.yaml', text);
  } catch (error) {
    if (isGauntletError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('parseScenario did not throw');
}

describe('parseScenario', () => {
  it('reads steps with requests, expectations, saves and retries', () => {
    const text = [
      'name: order',
      'target: gateway',
      'steps:',
      '  - name: place',
      '    request: { method: post, path: /api/orders, headers: { a: b }, body: { sku: abc } }',
      '    expect: { status: 201, body: { sku: abc } }',
      '    save: { orderId: id }',
      '  - name: notified',
      '    service: notifications',
      `    request: { method: GET, path: "/n/${ref('orderId')}" }`,
      '    expect: { status: 200 }',
      '    eventuallyMs: 2000',
    ].join('\n');
    expect(parseScenario('scenarios/x.yaml', text)).toEqual({
      name: 'order',
      target: 'gateway',
      file: 'scenarios/x.yaml',
      steps: [
        {
          name: 'place',
          request: {
            method: 'POST',
            path: '/api/orders',
            headers: { a: 'b' },
            body: { sku: 'abc' },
          },
          expect: { status: 201, body: { sku: 'abc' } },
          save: { orderId: 'id' },
        },
        {
          name: 'notified',
          service: 'notifications',
          request: { method: 'GET', path: `/n/${ref('orderId')}` },
          expect: { status: 200 },
          eventuallyMs: 2000,
        },
      ],
    });
  });

  it.each([
    ['name: x\ntarget: g\nsteps: []', 'steps must be a non-empty list'],
    ['target: g\nsteps: [1]', 'name is missing'],
    ['name: x\nsteps: [1]', 'target is missing'],
    ['name: x\ntarget: g\nsteps: [1]', 'steps[0] is not an object'],
    [
      'name: x\ntarget: g\nsteps: [{ name: s, request: { method: FETCH, path: / }, expect: { status: 200 } }]',
      'steps[0] (s).request.method is not an HTTP method (GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE)',
    ],
    [
      'name: x\ntarget: g\nsteps: [{ name: s, request: { method: GET, path: a }, expect: { status: 200 } }]',
      'steps[0] (s).request.path must be a string starting with "/"',
    ],
    [
      'name: x\ntarget: g\nsteps: [{ name: s, request: { method: GET, path: / }, expect: { status: ok } }]',
      'steps[0] (s).expect.status must be an integer status code',
    ],
    [
      'name: x\ntarget: g\nsteps: [{ name: s, request: { method: GET, path: / }, expect: { status: 200 }, save: { a: 1 } }]',
      'steps[0] (s).save must map variable names to dotted paths',
    ],
  ])('rejects %j', (text, reason) => {
    expect(failure(text)).toEqual({
      code: 'GAUNTLET_E_SCENARIO_INVALID',
      message: `Failed to read scenario scenarios/x.yaml: because ${reason}.`,
    });
  });

  it('reports YAML syntax errors with the file', () => {
    const error = failure('name: [unclosed');
    expect(error.code).toBe('GAUNTLET_E_SCENARIO_INVALID');
    expect(
      error.message.startsWith(
        'Failed to read scenario scenarios/x.yaml: because it is not valid YAML (',
      ),
    ).toBe(true);
  });
});
