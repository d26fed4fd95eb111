import { describe, expect, it } from 'vitest';
import { compile } from '../mock/compile.js';
import { createMockHost } from '../mock/host/create-mock-host.js';
import { loadDoc, request } from '../mock/host/host-for-tests.js';
import { describeMiss, type MockMiss, mockMissOf } from './mock-miss.js';

const INVENTORY = {
  openapi: '3.1.0',
  info: { title: 'inventory', version: '1' },
  paths: {
    '/stock/{sku}': {
      get: {
        operationId: 'getStock',
        parameters: [{ name: 'sku', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { example: { sku: 'abc', available: 3 } } },
          },
        },
      },
    },
    '/reservations': {
      post: {
        operationId: 'reserve',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['sku', 'quantity'],
                properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'reserved',
            content: { 'application/json': { example: { id: 'r-1' } } },
          },
        },
      },
    },
  },
};

describe('mockMissOf + describeMiss on a real mock host', () => {
  it('names the closest operation of a routing miss, the complaints of a refused request, and nothing for a hit', async () => {
    const service = await loadDoc(INVENTORY, 'inventory.json');
    const mounts = { [service.name]: '' };
    const host = createMockHost({
      targets: [
        {
          engine: compile([service], { mounts, validateRequests: 'on' }),
          services: [service],
          mounts,
        },
      ],
    });
    const lines: string[] = [];
    let hits = 0;
    host.onEntry((entry, response) => {
      const miss = mockMissOf('inventory', entry, response);
      if (miss) lines.push(describeMiss(miss));
      else hits++;
    });
    host.handle(request('GET', '/stocks/abc?x=1'));
    host.handle(
      request(
        'POST',
        '/reservations',
        { 'content-type': 'application/json' },
        { sku: 'abc', quantity: 0 },
      ),
    );
    host.handle(
      request(
        'POST',
        '/reservations',
        { 'content-type': 'application/json' },
        { sku: 'abc', quantity: 2 },
      ),
    );
    host.handle(request('GET', '/stock/abc'));
    expect(hits).toBe(2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      "GET /stocks/abc?x=1 → 404 — closest: GET /stock/{sku} (getStock) (path segment 1 is 'stocks', /stock/{sku} expects 'stock')",
    );
    expect(lines[1]).toBe(
      'POST /reservations → 422 — breaks the contract: /body/quantity: must be >= 1',
    );
  });
});

describe('describeMiss', () => {
  const base: MockMiss = {
    dependency: 'inventory',
    seq: 7,
    method: 'GET',
    target: '/stok',
    status: 404,
    kind: 'route',
    candidates: [],
    problems: [],
  };

  it('shows the first two candidates with their first reason and counts the rest', () => {
    const miss: MockMiss = {
      ...base,
      candidates: [
        {
          name: 'GET /stock (list)',
          reasons: ["path segment 1 is 'stok', /stock expects 'stock'", 'second'],
        },
        {
          name: 'GET /stock/{sku} (getStock)',
          reasons: ['path has 1 segment, /stock/{sku} has 2'],
        },
        { name: 'POST /stock (add)', reasons: [] },
      ],
    };
    expect(describeMiss(miss)).toBe(
      "GET /stok → 404 — closest: GET /stock (list) (path segment 1 is 'stok', /stock expects 'stock'), GET /stock/{sku} (getStock) (path has 1 segment, /stock/{sku} has 2) (+1 more)",
    );
  });

  it('says when nothing comes close', () => {
    expect(describeMiss(base)).toBe('GET /stok → 404 — nothing in the contract comes close');
  });

  it('lists the contract complaints of a refused request', () => {
    const miss: MockMiss = {
      ...base,
      method: 'POST',
      target: '/reservations',
      status: 415,
      kind: 'request',
      problems: ['Content-Type text/plain is not accepted'],
    };
    expect(describeMiss(miss)).toBe(
      'POST /reservations → 415 — breaks the contract: Content-Type text/plain is not accepted',
    );
  });
});
