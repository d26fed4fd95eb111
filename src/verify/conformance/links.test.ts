import { describe, expect, it } from 'vitest';
import { loadSource } from '../../formats/load-source.js';
import type { Service } from '../../model/index.js';
import { buildSequences, evaluateExpression, findLinks } from './links.js';

const SPEC = `
openapi: 3.1.0
info: { title: orders, version: '1' }
paths:
  /orders:
    post:
      operationId: createOrder
      responses:
        '201':
          description: created
          content:
            application/json:
              schema:
                type: object
                properties: { id: { type: string }, customerId: { type: string } }
          links:
            byRef:
              operationRef: '#/paths/~1orders~1{orderId}~1items/get'
              parameters: { path.orderId: '$response.body#/id' }
  /orders/{orderId}:
    parameters: [{ name: orderId, in: path, required: true, schema: { type: string } }]
    get:
      operationId: getOrder
      responses: { '200': { description: ok } }
    delete:
      operationId: cancelOrder
      responses: { '204': { description: cancelled }, '404': { description: gone } }
  /orders/{orderId}/items:
    get:
      operationId: listItems
      parameters: [{ name: orderId, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
  /customers/{customerId}:
    get:
      operationId: getCustomer
      parameters: [{ name: customerId, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
  /stock/{sku}:
    get:
      operationId: getStock
      parameters: [{ name: sku, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
`;

async function service(): Promise<Service> {
  const loaded = await loadSource('orders.yaml', SPEC, { readFile: async () => '' });
  if (!loaded.service) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.service;
}

describe('findLinks', () => {
  it('reads declared links and infers others from id-like body fields', async () => {
    const links = findLinks(await service());
    expect(
      links.map((l) => [l.name, l.parameters.map((p) => [p.param.name, p.expression])]),
    ).toEqual([
      ['createOrder 201 → listItems (link byRef)', [['orderId', '$response.body#/id']]],
      [
        'createOrder 201 → getOrder (inferred: id → {orderId})',
        [['orderId', '$response.body#/id']],
      ],
      [
        'createOrder 201 → cancelOrder (inferred: id → {orderId})',
        [['orderId', '$response.body#/id']],
      ],
      [
        'createOrder 201 → getCustomer (inferred: customerId → {customerId})',
        [['customerId', '$response.body#/customerId']],
      ],
    ]);
  });

  it('builds create → act, create → read → delete and create → delete → act sequences', async () => {
    const sequences = buildSequences(findLinks(await service()));
    expect(
      sequences.map((s) => [s.producer.id, ...s.steps.map((l) => l.to.id)].join(' → ')),
    ).toEqual([
      'createOrder → listItems',
      'createOrder → getOrder',
      'createOrder → cancelOrder',
      'createOrder → getCustomer',
      'createOrder → listItems → cancelOrder',
      'createOrder → getOrder → cancelOrder',
      'createOrder → getCustomer → cancelOrder',
      'createOrder → cancelOrder → listItems',
      'createOrder → cancelOrder → getOrder',
      'createOrder → cancelOrder → cancelOrder',
      'createOrder → cancelOrder → getCustomer',
    ]);
  });
});

describe('evaluateExpression', () => {
  const exchange = {
    request: {
      method: 'POST' as const,
      path: '/orders/o-1',
      query: [['page', '2']] as Array<[string, string]>,
      headers: {},
      body: '{"sku":"abc"}',
    },
    pathValues: { orderId: 'o-1' },
    response: {
      status: 201,
      headers: { location: '/orders/o-9' },
      body: '{"id":"o-9","items":[{"n":1}]}',
    },
  };
  it('reads bodies by JSON pointer, headers, path and query values, and keeps constants', () => {
    expect(
      [
        '$response.body#/id',
        '$response.body#/items/0/n',
        '$response.header.Location',
        '$request.path.orderId',
        '$request.query.page',
        '$request.body#/sku',
        '$statusCode',
        '$response.body#/missing',
        'literal',
        7,
      ].map((e) => evaluateExpression(e, exchange)),
    ).toEqual(['o-9', 1, '/orders/o-9', 'o-1', '2', 'abc', 201, undefined, 'literal', 7]);
  });
});
