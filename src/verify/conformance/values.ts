import type { SchemaCompiler } from '../../matching/json-schema.js';
import type { Example, JsonSchema, JsonSchemaObject } from '../../model/index.js';
import { deref, schemaTypes } from '../../schema/coerce.js';
import { patternViolations } from './pattern-values.js';

/** How long a string gets when its schema sets no maxLength (the "long value" of the coverage phase). */
export const LONG_STRING = 64;

/** A value with the words that say why it is (in)valid, for case labels. */
export interface LabelledValue {
  label: string;
  value: unknown;
}

/** The first example with a value: `{found: true, value}`, or `{found: false}`. */
export function firstExample(examples: readonly Example[] | undefined): {
  found: boolean;
  value?: unknown;
} {
  const example = (examples ?? []).find((e) => e.value !== undefined);
  return example ? { found: true, value: example.value } : { found: false };
}

/** An example the schema itself carries (`example`, `examples[0]`, `default`, `const`, `enum[0]`). */
export function schemaExample(
  schema: JsonSchema | undefined,
  schemas: Record<string, JsonSchema>,
): { found: boolean; value?: unknown } {
  const s = deref(schema, schemas);
  if (!s) return { found: false };
  if (s.example !== undefined) return { found: true, value: s.example };
  if (Array.isArray(s.examples) && s.examples.length > 0)
    return { found: true, value: s.examples[0] };
  if (s.default !== undefined) return { found: true, value: s.default };
  if (s.const !== undefined) return { found: true, value: s.const };
  if (Array.isArray(s.enum) && s.enum.length > 0) return { found: true, value: s.enum[0] };
  return { found: false };
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Values that break `schema`, each with what it breaks: the wrong type, a bound (minimum,
 * maximum, exclusive bounds, lengths, item counts), the pattern, the enum. Only values the
 * compiler confirms as invalid are returned, so a negative case is never accidentally valid.
 */
export function invalidValues(
  schema: JsonSchema | undefined,
  schemas: Record<string, JsonSchema>,
  compiler: SchemaCompiler,
): LabelledValue[] {
  return confirmed(schema, schemas, compiler, false, invalidCandidates);
}

/**
 * The candidates `collect` proposes for a schema (dereferenced, with its types), without repeats,
 * kept only when the compiler agrees they are valid (`valid`) or invalid (`!valid`).
 */
export function confirmed(
  schema: JsonSchema | undefined,
  schemas: Record<string, JsonSchema>,
  compiler: SchemaCompiler,
  valid: boolean,
  collect: (s: JsonSchemaObject, types: string[]) => LabelledValue[],
): LabelledValue[] {
  const s = deref(schema, schemas);
  if (!s || schema === undefined) return [];
  const check = compiler.compile(schema);
  const seen = new Set<string>();
  return collect(s, schemaTypes(schema, schemas)).filter((c) => {
    const key = JSON.stringify(c.value);
    if (seen.has(key) || (check(c.value).length === 0) !== valid) return false;
    seen.add(key);
    return true;
  });
}

function invalidCandidates(s: JsonSchemaObject, types: string[]): LabelledValue[] {
  const candidates: LabelledValue[] = [];
  if (types.length > 0) {
    if (!types.includes('string')) {
      candidates.push({ label: `a string instead of ${types.join('|')}`, value: 'not-a-number' });
    } else if (!types.includes('number') && !types.includes('integer')) {
      candidates.push({ label: 'a number instead of a string', value: 12345 });
    } else if (!types.includes('object')) {
      candidates.push({
        label: `an object instead of ${types.join('|')}`,
        value: { unexpected: true },
      });
    }
  }
  const min = num(s.minimum);
  const max = num(s.maximum);
  const exMin = num(s.exclusiveMinimum);
  const exMax = num(s.exclusiveMaximum);
  if (min !== undefined) candidates.push({ label: `below minimum ${min}`, value: min - 1 });
  if (max !== undefined) candidates.push({ label: `above maximum ${max}`, value: max + 1 });
  if (exMin !== undefined)
    candidates.push({ label: `not above exclusiveMinimum ${exMin}`, value: exMin });
  if (exMax !== undefined)
    candidates.push({ label: `not below exclusiveMaximum ${exMax}`, value: exMax });
  const minLength = num(s.minLength);
  const maxLength = num(s.maxLength);
  if (minLength !== undefined && minLength > 1) {
    candidates.push({
      label: `shorter than minLength ${minLength}`,
      value: 'x'.repeat(minLength - 1),
    });
  }
  if (maxLength !== undefined) {
    candidates.push({
      label: `longer than maxLength ${maxLength}`,
      value: 'x'.repeat(maxLength + 1),
    });
  }
  if (typeof s.pattern === 'string') {
    candidates.push({ label: `not matching pattern ${s.pattern}`, value: '~!invalid value!~' });
    for (const v of patternViolations(s.pattern, maxLength ?? LONG_STRING)) {
      candidates.push({ label: `not matching ${v.label}`, value: v.value });
    }
  }
  if (types.includes('integer') && !types.includes('number')) {
    candidates.push({ label: 'a fraction instead of an integer', value: 1.5 });
  }
  if (Array.isArray(s.enum))
    candidates.push({ label: 'not one of the enum', value: '~not-in-enum~' });
  return candidates;
}
