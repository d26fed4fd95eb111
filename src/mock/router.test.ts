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
