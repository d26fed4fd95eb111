import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../mock/compile.js';
import { emptyService, type Service } from '../../model/index.js';
import { toHoverflySimulation } from '../hoverfly/export.js';
import { distinctRequests } from '../hoverfly/index.js';
import { loadSource } from '../load-source.js';
import { toHoverfly } from './to-hoverfly.js';

const root = process.cwd();
const corpus = resolve(root, '../shared/corpus');
const readText = (f: string) => readFile(f, 'utf8');

async function load(file: string, text?: string): Promise<Service> {
  const loaded = await loadSource(file, text ?? (await readText(file)), { readFile: readText });
  if (!loaded.service)
    throw new Error(`${file}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.service;
}

/** Export → JSON text → import again. */
async function roundTrip(service: Service): Promise<Service> {
  const text = JSON.stringify(toHoverflySimulation(toHoverfly(service)), null, 2);
  return load(`${service.file}.exported.json`, text);
}

const jsonFiles = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return jsonFiles(full);
      return name.endsWith('.json') ? [full] : [];
    });

describe('toHoverfly', () => {
  it.each(jsonFiles(join(corpus, 'hoverfly')))(
    'round-trips the simulation %s unchanged',
    async (file) => {
      const service = await load(file);
      const again = await roundTrip(service);
      expect(again.hoverfly).toEqual(service.hoverfly);
    },
  );

  const contracts = [
    ...jsonFiles(join(root, 'contracts/pacts')),
    join(root, 'contracts/openapi/inventory.yaml'),
    join(root, 'contracts/openapi/orders.yaml'),
    join(corpus, 'openapi-examples/examples/v3.0/petstore.yaml'),
    ...jsonFiles(join(corpus, 'pacts')),
  ];

  it.each(contracts)('exports %s and imports the same simulation back', async (file) => {
    const service = await load(file);
    const exported = toHoverfly(service);
    const again = await roundTrip(service);
    // Interactions told apart only by provider state export to identical request matchers:
    // Hoverfly (and Gauntlet, loading the file) keep the first of them.
    expect(again.hoverfly).toEqual({ ...exported, pairs: distinctRequests(exported.pairs).kept });
    expect(exported.pairs.length).toBe(
      service.interactions.length > 0 ? service.interactions.length : exported.pairs.length,
    );
  });

  it.each(jsonFiles(join(root, 'contracts/pacts')))(
    'serves the exported pairs of %s like the pact stubs serve its interactions',
    async (file) => {
      const pact = await load(file);
      const sim = emptyService({
        name: 'sim',
        title: 'sim',
        format: 'hoverfly-v5',
        file: 'x.json',
      });
      sim.hoverfly = toHoverfly(pact);
      const fromPact = compile([pact], { validateRequests: 'off' });
      const fromSim = compile([sim], { validateRequests: 'off' });
      const { pactRequest } = await import('../../../test/corpus-stubs/corpus-requests.js');
      for (const interaction of pact.interactions) {
        if (interaction.response.generators) continue;
        const request = pactRequest(interaction);
        delete request.headers['x-pact-provider-state'];
        const a = fromPact.handle(request);
        const b = fromSim.handle(request);
        expect({ status: b.status, body: b.body ? new TextDecoder().decode(b.body) : '' }).toEqual({
          status: a.status,
          body: a.body ? new TextDecoder().decode(a.body) : '',
        });
      }
    },
  );

  it('maps OpenAPI statuses and examples to pairs chosen by Prefer', async () => {
    const service = await load(join(corpus, 'openapi-examples/examples/v3.0/petstore.yaml'));
    const sim = toHoverfly(service);
    expect(
      sim.pairs.map((p) => [
        p.request.method?.[0]?.value,
        p.request.path?.[0],
        p.response.status,
        p.request.headers?.Prefer?.[0]?.value,
      ]),
    ).toEqual([
      ['GET', { matcher: 'exact', value: '/pets' }, 200, undefined],
      ['POST', { matcher: 'exact', value: '/pets' }, 201, undefined],
      ['GET', { matcher: 'glob', value: '/pets/*' }, 200, undefined],
    ]);
  });

  it('maps pact regex rules to anchored regex matchers and ruled JSON bodies to jsonpartial', () => {
    const pact = emptyService({ name: 'p', title: 'p', format: 'pact-v3', file: 'p.json' });
    pact.interactions = [
      {
        type: 'Synchronous/HTTP',
        description: 'create',
        providerStates: [{ name: 'empty' }],
        request: {
          method: 'post',
          path: '/orders/1',
          query: { v: ['1'] },
          body: { content: { id: 1, sku: 'A' }, contentType: 'application/json' },
          matchingRules: {
            path: { $: { combine: 'AND', matchers: [{ match: 'regex', regex: '/orders/\\d+' }] } },
            body: { '$.id': { combine: 'AND', matchers: [{ match: 'integer' }] } },
          },
        },
        response: { status: 201, body: { content: { ok: true }, contentType: 'application/json' } },
      },
    ];
    expect(toHoverfly(pact).pairs).toEqual([
      {
        request: {
          method: [{ matcher: 'exact', value: 'POST' }],
          path: [{ matcher: 'regex', value: '^/orders/\\d+$' }],
          query: { v: [{ matcher: 'exact', value: '1' }] },
          body: [{ matcher: 'jsonpartial', value: '{"sku":"A"}' }],
        },
        response: {
          status: 201,
          body: '{"ok":true}',
          headers: { 'Content-Type': ['application/json'] },
          templated: false,
        },
        labels: ['create', 'state:empty'],
      },
    ]);
  });
});
