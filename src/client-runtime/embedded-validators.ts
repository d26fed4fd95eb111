import { createSchemaCompiler, type SchemaCompiler } from '../matching/json-schema.js';
import type { JsonSchema } from '../model/index.js';
import type { ResponseValidators, StandaloneValidator } from './options.js';

type Issues = Array<{ instancePath: string; message: string }>;

/**
 * The response validators of a generated client, from the contract's schemas embedded in its
 * `validators.js`: each is compiled (with ajv, as the mock compiles them) the first time a response
 * of its operation and status is checked, and a named schema it refers to when a response first
 * reaches it. A client of a large API stays the size of its schemas, and only what is called is
 * ever compiled. `responses` maps `'METHOD /path'` → status → schema; `schemas` are the named
 * schemas those reach as `#/components/schemas/<name>`.
 *
 * @example
 * export const validators = embeddedValidators(
 *   { Pet: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
 *   { 'GET /pets/{id}': { '200': { $ref: '#/components/schemas/Pet' } } },
 * );
 * validators['GET /pets/{id}']['200']({}); // false; .errors: [{ instancePath: '', message: "must have required property 'name'" }]
 */
export function embeddedValidators(
  schemas: Readonly<Record<string, JsonSchema>>,
  responses: Readonly<Record<string, Readonly<Record<string, JsonSchema>>>>,
): ResponseValidators {
  let compiler: SchemaCompiler | undefined;
  const table: Record<string, Record<string, StandaloneValidator>> = {};
  for (const [operation, byStatus] of Object.entries(responses)) {
    const validators: Record<string, StandaloneValidator> = {};
    for (const [status, schema] of Object.entries(byStatus)) {
      let check: ((value: unknown) => Array<{ path: string; message: string }>) | undefined;
      const validate: StandaloneValidator & { errors?: Issues | null } = (data: unknown) => {
        compiler ??= createSchemaCompiler({ ...schemas });
        check ??= compiler.compile(schema);
        const issues = check(data);
        validate.errors =
          issues.length === 0
            ? null
            : issues.map((issue) => ({ instancePath: issue.path, message: issue.message }));
        return issues.length === 0;
      };
      validators[status] = validate;
    }
    table[operation] = validators;
  }
  return table;
}
