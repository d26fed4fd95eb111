import { describe, expect, it } from 'vitest';
import { isGauntletError } from '../../errors.js';
import { validateConfig } from './load-config.js';

function failure(value: unknown): { code: string; message: string } {
  try {
    validateConfig('gauntlet.config.ts', value);
  } catch (error) {
    if (isGauntletError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('validateConfig did not throw');
}

const node = { command: 'node', args: ['main.js'] };

describe('validateConfig: services', () => {
  it('accepts a full service description', () => {
    const config = {
      services: {
        inventory: {
          contracts: ['contracts/inventory.yaml'],
          start: {
            command: 'node',
            args: ['--import', 'tsx', 'inv.ts'],
            env: { A: '1' },
            cwd: '.',
          },
          port: 4102,
          health: '/health',
        },
        orders: {
          contracts: ['contracts/orders.yaml'],
          start: node,
          dependsOn: [
            { service: 'inventory', env: 'INVENTORY_URL', contracts: ['contracts/inventory.yaml'] },
          ],
          requestHeaders: { 'X-User': 'alice' },
        },
      },
      run: { scenarios: ['scenarios/'], reportDir: 'out' },
    };
    expect(validateConfig('gauntlet.config.ts', config)).toEqual(config);
  });

  it.each([
    [{ a: { start: 'node a.js' } }, 'services.a.start must be an object ({ command, args })'],
    [{ a: { start: { command: '' } } }, 'services.a.start.command must be a non-empty string'],
    [
      { a: { start: { command: 'node', args: 'x' } } },
      'services.a.start.args must be an array of strings',
    ],
    [
      { a: { start: { command: 'node', env: { PORT: 1 } } } },
      'services.a.start.env.PORT must be a string',
    ],
    [{ a: { port: -1 } }, 'services.a.port must be an integer between 0 and 65535'],
    [{ a: { port: 1.5 } }, 'services.a.port must be an integer between 0 and 65535'],
    [
      { a: { health: 'health' } },
      'services.a.health must be a path starting with "/", e.g. "/health"',
    ],
    [{ a: { dependsOn: {} } }, 'services.a.dependsOn must be an array of { service, env }'],
    [{ a: { dependsOn: ['b'] } }, 'services.a.dependsOn[0] must be an object ({ service, env })'],
    [
      { a: { dependsOn: [{ service: 'ghost', env: 'GHOST_URL' }] }, b: {} },
      'services.a.dependsOn[0].service names "ghost", which is not a key of `services` (a, b)',
    ],
    [
      { a: { dependsOn: [{ service: 'a', env: 'A_URL' }] } },
      'services.a.dependsOn[0]: a cannot depend on itself',
    ],
    [
      { a: { dependsOn: [{ service: 'b', env: 'B-URL' }] }, b: {} },
      'services.a.dependsOn[0].env must be the name of an environment variable (letters, digits, _), e.g. "INVENTORY_URL"',
    ],
    [
      { a: { dependsOn: [{ service: 'b', env: 'B_URL', path: 'hook' }] }, b: {} },
      'services.a.dependsOn[0].path must be a string starting with "/"',
    ],
    [
      { a: { dependsOn: [{ service: 'b', env: 'B_URL', contracts: 'b.yaml' }] }, b: {} },
      'services.a.dependsOn[0].contracts must be an array of paths',
    ],
    [
      { a: { requestHeaders: { 'X-User': 1 } } },
      'services.a.requestHeaders.X-User must be a string',
    ],
    [
      {
        a: { dependsOn: [{ service: 'b', env: 'B_URL' }] },
        b: { dependsOn: [{ service: 'a', env: 'A_URL' }] },
      },
      'the services depend on each other in a cycle (a → b → a), so they have no start order',
    ],
  ])('rejects services %j', (services, reason) => {
    expect(failure({ services })).toEqual({
      code: 'GAUNTLET_E_CONFIG',
      message: `Failed to load gauntlet.config.ts: ${reason}.`,
    });
  });

  it.each([
    [{ run: [] }, '`run` must be an object'],
    [{ run: { scenarios: 'scenarios' } }, 'run.scenarios must be an array of paths'],
    [{ run: { reportDir: 1 } }, 'run.reportDir must be a string'],
    [{ run: { postman: {} } }, 'run.postman must be an array'],
    [
      { run: { postman: [{ service: 'a' }] } },
      'run.postman[0].collection must be a collection file path',
    ],
    [
      { run: { postman: [{ collection: 'c.json', service: 'nobody' }] } },
      'run.postman[0].service must name a service of `services`',
    ],
  ])('rejects %j', (value, reason) => {
    expect(failure(value)).toEqual({
      code: 'GAUNTLET_E_CONFIG',
      message: `Failed to load gauntlet.config.ts: ${reason}.`,
    });
  });
});
