import { describe, expect, it } from 'vitest';
import { Router, splitPath } from './router.js';

describe('Router', () => {
  const router = new Router<string>();
  router.add('GET', '/pets/{petId}', 'show');
  router.add('DELETE', '/pets/{id}', 'delete');
  router.add('GET', '/pets/mine', 'mine');
  router.add('GET', '/pets/mine/{x}', 'mine-x');
  router.add('GET', '/files/{name}.json', 'file-json');
  router.add('GET', '/a/{sid}{ext}', 'split', { ext: '(?:\\.json|\\.xml)' });
  router.add('GET', '/pets/{petId}', 'second registration loses');

  it('prefers literal segments and falls back to templates when the literal branch dead-ends', () => {
    expect(router.find('GET', '/pets/mine')).toEqual({
      kind: 'found',
      value: 'mine',
      params: {},
      template: '/pets/mine',
    });
    expect(router.find('GET', '/pets/42')).toEqual({
      kind: 'found',
      value: 'show',
      params: { petId: '42' },
      template: '/pets/{petId}',
    });
    expect(router.find('DELETE', '/pets/mine')).toEqual({
      kind: 'found',
      value: 'delete',
      params: { id: 'mine' },
      template: '/pets/{id}',
    });
  });

  it('matches variables inside a segment, narrowed by patterns', () => {
    expect(router.find('GET', '/files/report.json')).toMatchObject({
      value: 'file-json',
      params: { name: 'report' },
    });
    expect(router.find('GET', '/a/AC12.json')).toMatchObject({
      value: 'split',
      params: { sid: 'AC12', ext: '.json' },
    });
  });

  it('reports the allowed methods, or not found', () => {
    expect(router.find('PUT', '/pets/1')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'DELETE'],
      template: '/pets/{petId}',
    });
    expect(router.find('GET', '/owners')).toEqual({ kind: 'not-found' });
    expect(router.find('GET', '/pets/1/2/3')).toEqual({ kind: 'not-found' });
  });

  it('ignores repeated, leading and trailing slashes, as the template split does', () => {
    expect(router.find('GET', '//pets///42/')).toMatchObject({
      kind: 'found',
      value: 'show',
      params: { petId: '42' },
    });
    expect(router.find('GET', 'pets/mine')).toMatchObject({ kind: 'found', value: 'mine' });
    expect(router.find('GET', '/')).toEqual({ kind: 'not-found' });
    expect(router.find('GET', '')).toEqual({ kind: 'not-found' });
  });
});

describe('splitPath', () => {
  it('returns the non-empty segments', () => {
    expect(splitPath('/a//b/c/')).toEqual(['a', 'b', 'c']);
    expect(splitPath('a')).toEqual(['a']);
    expect(splitPath('///')).toEqual([]);
    expect(splitPath('')).toEqual([]);
  });
});

describe('Router: decoded segments and fallbacks', () => {
  const router = new Router<string>();
  router.add('GET', '/items:batch', 'batch');
  router.add('GET', '/café', 'cafe');
  router.add('GET', '/files/{name}.{ext}', 'narrowed', { ext: '(?:json|xml)' });
  router.addFallback('GET', '/files/{name}.{ext}', 'narrowed');
  router.add('GET', '/files/{id}', 'by-id');

  it('routes a percent-encoded literal segment on its decoded text, as Prism', () => {
    expect(router.find('GET', '/items%3Abatch')).toMatchObject({ kind: 'found', value: 'batch' });
    expect(router.find('GET', '/items:batch')).toMatchObject({ kind: 'found', value: 'batch' });
    expect(router.find('GET', '/caf%C3%A9')).toMatchObject({ kind: 'found', value: 'cafe' });
  });

  it('tries a fallback only after every other route, so a value outside its enum still routes', () => {
    expect(router.find('GET', '/files/a.json')).toMatchObject({
      value: 'narrowed',
      params: { name: 'a', ext: 'json' },
    });
    // `/files/{id}` matches first; the unnarrowed fallback is never tried before it.
    expect(router.find('GET', '/files/a.csv')).toMatchObject({ value: 'by-id' });
    const alone = new Router<string>();
    alone.add('GET', '/files/{name}.{ext}', 'narrowed', { ext: '(?:json|xml)' });
    expect(alone.find('GET', '/files/a.csv')).toEqual({ kind: 'not-found' });
    alone.addFallback('GET', '/files/{name}.{ext}', 'narrowed');
    expect(alone.find('GET', '/files/a.csv')).toMatchObject({
      value: 'narrowed',
      params: { name: 'a', ext: 'csv' },
    });
  });
});
