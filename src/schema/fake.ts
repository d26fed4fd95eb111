import { JSONSchemaFaker as Faker } from 'json-schema-faker';
import type { JsonSchema } from '../model/index.js';
import { reachesRecursion } from './recursion.js';
import { sampleValue } from './sample.js';

/**
 * `$ref` nesting after which the sampler ends a recursive schema: two levels of an entity's
 * references (each named schema a value reaches is compiled by the validator on first use, so a
 * shallower value is also a cheaper first answer: 0.55 → 0.24 s CPU on the recursive bench spec).
 */
const RECURSIVE_DEPTH = 2;

// json-schema-faker is imported statically: the engine runs in browsers too (MSW), where
// `createRequire` does not exist. Its ESM import costs ~25 ms on a quiet machine, inside the
// startup budget.
/**
 * Generates a value for `schema` with json-schema-faker, drawing every random number from
 * `random`. `schemas` is the service's named-schema registry, reachable from the schema as
 * `#/components/schemas/<name>`. jsf's options are global, so they are set on every call
 * (another engine in the same process may have changed them).
 *
 * A schema that can reach a `$ref` cycle goes to sampleValue instead: jsf expands such a schema up
 * to `refDepthMax` along every reference (on a large API, megabytes built in a second or more per
 * value, then thrown away because it cut the recursion with `{}` and lost `required` properties),
 * while the sampler ends recursion on a valid branch and stays a few kilobytes, in milliseconds.
 */
export function fakeValue(
  schema: JsonSchema,
  schemas: Record<string, JsonSchema>,
  random: () => number,
): unknown {
  if (schema === true) return {};
  if (schema === false) return null;
  if (reachesRecursion(schema, schemas))
    return sampleValue(schema, schemas, random, { depth: RECURSIVE_DEPTH });
  const JSONSchemaFaker = Faker;
  JSONSchemaFaker.option({
    random,
    alwaysFakeOptionals: false,
    optionalsProbability: 0.5,
    useExamplesValue: true,
    useDefaultValue: true,
    failOnInvalidFormat: false,
    failOnInvalidTypes: false,
    ignoreMissingRefs: true,
    refDepthMax: 3,
    // No maxItems/maxLength here: jsf lets them override a schema's own minItems/minLength.
    fillProperties: false,
    replaceEmptyByRandomValue: false,
  });
  const root = { ...schema, components: { schemas } };
  // jsf's types speak draft 4-7; our draft 2020-12 objects are structurally the same JSON.
  return JSONSchemaFaker.generate(root as Parameters<typeof JSONSchemaFaker.generate>[0]);
}
