// Helpers shared by the host's tests (not exported from the library).
import { loadSource } from '../../formats/load-source.js';
import type { Service } from '../../model/index.js';
import type { HeaderMap, MockRequest, MockResponse } from '../types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function loadDoc(doc: Record<string, unknown>, file = 'api.json'): Promise<Service> {
  const source = await loadSource(file, JSON.stringify(doc), {
    readFile: () => Promise.reject(new Error('no external files in this test')),
  });
  if (!source.service)
    throw new Error(`test contract did not load: ${JSON.stringify(source.diagnostics)}`);
  return source.service;
}

export function request(
  method: string,
  target: string,
  headers: HeaderMap = {},
  body?: unknown,
): MockRequest {
  const q = target.indexOf('?');
  const out: MockRequest = {
    method,
    path: q >= 0 ? target.slice(0, q) : target,
    query: q >= 0 ? target.slice(q + 1) : '',
    headers,
  };
  if (body !== undefined)
    out.body = encoder.encode(typeof body === 'string' ? body : JSON.stringify(body));
  return out;
}

export function bodyJson(response: MockResponse): unknown {
  return response.body === undefined ? undefined : JSON.parse(decoder.decode(response.body));
}

/** Orders: list, get one, create; the operations near-miss tests aim at. */
export const ORDERS_DOC = {
  openapi: '3.1.0',
  info: { title: 'Orders', version: '1' },
  paths: {
    '/orders': {
      get: {
        operationId: 'listOrders',
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { example: [{ id: 'o1' }] } },
          },
        },
      },
      post: {
        operationId: 'createOrder',
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { example: { id: 'o2' } } },
          },
        },
      },
    },
    '/orders/{id}': {
      get: {
        operationId: 'getOrder',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { example: { id: 'o1' } } } },
        },
      },
    },
    '/health': {
      get: { operationId: 'health', responses: { '204': { description: 'up' } } },
    },
  },
};
