import { describe, expect, it } from 'vitest';
import { emptyService, type Service } from '../../model/index.js';
import { mockNames } from './service-names.js';

function service(name: string, title: string, file: string): Service {
  return emptyService({ name, title, file, format: 'openapi-3.0' });
}

const names = (services: Service[]) => services.map((s) => s.name);

describe('mockNames', () => {
  const pets = service('pet-store', 'Pet Store', 'contracts/pets.yaml');
  const orders = service('orders', 'Orders', 'contracts/orders.yaml');

  it('keeps Service.name when nothing is configured', () => {
    expect(names(mockNames([pets, orders], {}, '/repo'))).toEqual(['pet-store', 'orders']);
  });

  it('renames by file as given, by file resolved against cwd, by title and by name', () => {
    expect(names(mockNames([pets], { 'contracts/pets.yaml': 'a' }, '/repo'))).toEqual(['a']);
    expect(names(mockNames([pets], { '/repo/contracts/pets.yaml': 'b' }, '/repo'))).toEqual(['b']);
    expect(names(mockNames([pets], { 'Pet Store': 'c' }, '/repo'))).toEqual(['c']);
    expect(names(mockNames([pets], { 'pet-store': 'd' }, '/repo'))).toEqual(['d']);
  });

  it('does not change the services it was given', () => {
    mockNames([pets], { 'Pet Store': 'renamed' }, '/repo');
    expect(pets.name).toBe('pet-store');
  });

  it('numbers default names that clash, explicit names first', () => {
    const a = service('api', 'API', 'a.yaml');
    const b = service('api', 'API', 'b.yaml');
    const c = service('x', 'X', 'c.yaml');
    expect(names(mockNames([a, b, c], { 'c.yaml': 'api' }, '/repo'))).toEqual([
      'api-2',
      'api-3',
      'api',
    ]);
  });

  it('rejects two explicit names that clash', () => {
    expect(() =>
      mockNames([pets, orders], { 'Pet Store': 'same', Orders: 'same' }, '/repo'),
    ).toThrow(
      'Failed to name the mock of contracts/orders.yaml: because another service is already named "same".',
    );
  });

  it('rejects a name that is not one URL segment', () => {
    expect(() => mockNames([pets], { 'Pet Store': 'a/b' }, '/repo')).toThrow(
      'Failed to name the mock of contracts/pets.yaml: because "a/b" is not a single URL path segment.',
    );
  });
});
