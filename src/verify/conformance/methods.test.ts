import { describe, expect, it } from 'vitest';
import type { HttpOperation } from '../../model/index.js';
import { checkUnsupportedMethod, undeclaredMethodProbes } from './methods.js';

const op = (method: HttpOperation['method'], path: string) =>
  ({
    id: `${method} ${path}`,
    method,
    path,
    parameters: [],
    responses: [],
  }) as unknown as HttpOperation;

describe('undeclared methods', () => {
  const probes = undeclaredMethodProbes(
    [op('GET', '/stock/{sku}'), op('DELETE', '/stock/{sku}')],
    () => ({
      method: 'GET',
      path: '/stock/abc',
      query: [],
      headers: {},
    }),
  );

  it('probes each path with the methods it does not declare, at a concrete URL', () => {
    expect(probes.map((p) => `${p.request.method} ${p.request.path}`)).toEqual([
      'POST /stock/abc',
      'PUT /stock/abc',
      'PATCH /stock/abc',
    ]);
  });

  it('wants 405 with an Allow header that lists the declared methods', () => {
    const probe = probes[0];
    if (!probe) throw new Error('no probe');
    const answer = (status: number, headers: Record<string, string> = {}) =>
      checkUnsupportedMethod(probe, { status, headers, body: '' })?.message;
    expect(answer(405, { allow: 'GET, DELETE' })).toBeUndefined();
    expect(answer(404)).toBe(
      'POST is not declared for /stock/{sku} (declared: GET, DELETE), but was answered 404; expected 405 with Allow: GET, DELETE.',
    );
    expect(answer(405)).toBe(
      'The 405 for POST /stock/{sku} has no Allow header; expected Allow: GET, DELETE.',
    );
    expect(answer(405, { allow: 'GET' })).toBe(
      'The 405 for POST /stock/{sku} has Allow: GET, which leaves out DELETE.',
    );
  });
});
