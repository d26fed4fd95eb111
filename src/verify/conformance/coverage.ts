import type { SchemaCompiler } from '../../matching/json-schema.js';
import type { JsonSchema, JsonSchemaObject } from '../../model/index.js';
import { patternValues } from './pattern-values.js';
import { confirmed, type LabelledValue, LONG_STRING } from './values.js';

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function letters(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String.fromCharCode(97 + (i % 26));
  return out;
}

/**
 * Valid boundary and shape values for `schema`, each labelled with what it covers: every `enum`
 * member and `const`, the schema's examples and default, pattern-derived strings (each character
 * kind of each class, shortest and longest), the shortest and longest strings `minLength` and
 * `maxLength` allow (or a 64-character one when unbounded), the minimum and maximum (exclusive
 * bounds one step inside), 0 and both booleans, an empty and a one-item array. Only values the
 * compiler accepts are returned, so a coverage case is never accidentally invalid.
 *
 * @example
 * coverageValues({ type: 'integer', minimum: 1, maximum: 100 }, {}, compiler).map((v) => v.value);
 * // [1, 100]
 */
export function coverageValues(
  schema: JsonSchema | undefined,
  schemas: Record<string, JsonSchema>,
  compiler: SchemaCompiler,
): LabelledValue[] {
  return confirmed(schema, schemas, compiler, true, validCandidates);
}

function validCandidates(s: JsonSchemaObject, types: string[]): LabelledValue[] {
  const candidates: LabelledValue[] = [];
  if (Array.isArray(s.enum)) {
    for (const member of s.enum)
      candidates.push({ label: `enum ${JSON.stringify(member)}`, value: member });
  }
  if (s.const !== undefined) candidates.push({ label: 'const', value: s.const });
  if (s.example !== undefined) candidates.push({ label: 'the schema example', value: s.example });
  if (Array.isArray(s.examples)) {
    for (const example of s.examples)
      candidates.push({ label: 'a schema example', value: example });
  }
  if (s.default !== undefined) candidates.push({ label: 'the default', value: s.default });
  if (types.includes('string') && !Array.isArray(s.enum) && s.const === undefined) {
    const minLength = num(s.minLength) ?? 0;
    const maxLength = num(s.maxLength);
    const longest = maxLength ?? Math.max(minLength, LONG_STRING);
    if (typeof s.pattern === 'string') {
      for (const v of patternValues(s.pattern, longest)) candidates.push(v);
    } else if (s.format === undefined) {
      candidates.push({ label: `minLength ${minLength}`, value: letters(minLength) });
      candidates.push({
        label: maxLength === undefined ? `a long string (${longest})` : `maxLength ${maxLength}`,
        value: letters(longest),
      });
    }
  }
  if (types.includes('integer') || types.includes('number')) {
    const step = types.includes('integer') ? 1 : 0.5;
    const min = num(s.minimum);
    const max = num(s.maximum);
    const exMin = num(s.exclusiveMinimum);
    const exMax = num(s.exclusiveMaximum);
    if (min !== undefined) candidates.push({ label: `minimum ${min}`, value: min });
    if (max !== undefined) candidates.push({ label: `maximum ${max}`, value: max });
    if (exMin !== undefined) candidates.push({ label: `just above ${exMin}`, value: exMin + step });
    if (exMax !== undefined) candidates.push({ label: `just below ${exMax}`, value: exMax - step });
    candidates.push({ label: 'zero', value: 0 });
  }
  if (types.includes('boolean')) {
    candidates.push({ label: 'true', value: true }, { label: 'false', value: false });
  }
  if (types.includes('array')) {
    candidates.push({ label: 'an empty array', value: [] });
  }
  return candidates;
}
