/**
 * Pact `generators` into the model (V3/V4 shape; V2 had none): categories are kept and
 * `path`/`status` generators, written whole, move under the key `$`.
 */

import type { Diagnostic } from '../../model/diagnostic.js';
import type { Generator, Generators } from '../../model/pact.js';
import { isRecord } from '../../util/guards.js';
import {
  forEachCategory,
  type Normalised,
  optionalObject,
  type PactVersionFamily,
  problem,
} from './normalise-support.js';

/**
 * Normalises `generators` (V3/V4 shape; V2 had none): `path`/`status` generators move under `$`.
 *
 * @example
 * normaliseGenerators({path: {type: 'ProviderState', expression: '/x/${id}'}}, 3, '/g')
 * // → { value: { path: { $: { type: 'ProviderState', expression: '/x/${id}' } } }, diagnostics: [] }
 */
export function normaliseGenerators(
  raw: unknown,
  _version: PactVersionFamily,
  at: string,
): Normalised<Generators> {
  const diagnostics: Diagnostic[] = [];
  const written = optionalObject(raw, at, 'the generators', diagnostics);
  if (!written) return { diagnostics };
  const out: Generators = {};
  const put = (category: keyof Generators, key: string, value: unknown, p: string): void => {
    if (isRecord(value) && typeof value.type === 'string') {
      const group: Record<string, Generator> = out[category] ?? {};
      group[key] = { ...value, type: value.type };
      out[category] = group;
    } else {
      problem(diagnostics, p, 'a generator', 'it is not an object with a string `type`');
    }
  };
  forEachCategory(
    written,
    at,
    {
      noun: 'generator',
      wholeMarker: 'type',
      open: (category) => {
        out[category] ??= {};
      },
      whole: (category, value, p) => put(category, '$', value, p),
      entry: put,
    },
    diagnostics,
  );
  return { value: out, diagnostics };
}
