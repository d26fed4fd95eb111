/**
 * Schemas in the model are JSON Schema draft 2020-12, whatever the source wrote:
 * loaders translate OpenAPI 3.0 (`nullable`, boolean `exclusiveMinimum`, `example`),
 * Swagger 2.0 (`x-nullable`, `type: file`) and RAML types into it, so every engine compiles
 * one dialect with one ajv instance.
 *
 * References between schemas are kept only where they must be (circular schemas, and schemas
 * shared by many operations) and always have the form `{"$ref": "#/components/schemas/<name>"}`,
 * where `<name>` is a key of `Service.schemas`. Schemas from external files are imported into
 * that registry under a unique name. Everything else is inlined by the loader.
 */
export type JsonSchema = boolean | JsonSchemaObject;

export interface JsonSchemaObject {
  [keyword: string]: unknown;
}

/** The prefix of every schema reference inside the model. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/** `{"$ref": "#/components/schemas/Pet"}` for `Pet`. */
export function schemaRef(name: string): JsonSchemaObject {
  return { $ref: SCHEMA_REF_PREFIX + name.replace(/~/g, '~0').replace(/\//g, '~1') };
}
