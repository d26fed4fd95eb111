import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { Diagnostic, JsonSchema, Service } from '../../model/index.js';
import { escapePointerToken, SCHEMA_REF_PREFIX } from '../../model/index.js';
import {
  SCHEMA_LIST_KEYWORDS,
  SCHEMA_MAP_KEYWORDS,
  SINGLE_SCHEMA_KEYWORDS,
} from '../../schema/keywords.js';

/** Keywords whose values are data, not schemas: `$ref`s inside them are left alone. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example', 'discriminator']);
const JSON_MEDIA = /^application\/(?:[\w.+-]*\+)?json\b|^\*\/\*$/i;
/** The module generated clients import their behaviour from (package.json "exports"). */
export const CLIENT_RUNTIME_MODULE = 'gauntlet/client-runtime';

export interface GeneratedValidators {
  /** ESM JavaScript: `export const validators = embeddedValidators(schemas, { 'GET /pets/{id}': { '200': v0 } })`. */
  code: string;
  /** How many distinct response schemas have a validator. */
  count: number;
  /** Schemas ajv cannot compile (those responses are not validated). */
  diagnostics: Diagnostic[];
}

/** Keywords whose value is one schema or a list of them (`items`: either). */
const SCHEMA_VALUED = new Set([...SINGLE_SCHEMA_KEYWORDS, ...SCHEMA_LIST_KEYWORDS, 'items']);

/** Annotations that never change whether a value is valid: left out of the embedded schemas. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'example', '$comment']);

/** A schema without its annotations (descriptions are most of a large API's schemas). */
function withoutAnnotations(schema: JsonSchema): JsonSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (SCHEMA_VALUED.has(key))
      out[key] = Array.isArray(value)
        ? value.map((item) => withoutAnnotations(item as JsonSchema))
        : withoutAnnotations(value as JsonSchema);
    else if (SCHEMA_MAP_KEYWORDS.has(key) && typeof value === 'object' && value !== null)
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub as JsonSchema)]),
      );
    else out[key] = value;
  }
  return out;
}

/** Names of the named schemas `schema` refers to (`#/components/schemas/<name>[/...]`). */
function refNames(schema: unknown, out: Set<string>, data = false): void {
  if (Array.isArray(schema)) {
    for (const item of schema) refNames(item, out, data);
    return;
  }
  if (typeof schema !== 'object' || schema === null || data) return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF_PREFIX)) {
      const token = value.slice(SCHEMA_REF_PREFIX.length).split('/')[0] ?? '';
      out.add(token.replace(/~1/g, '/').replace(/~0/g, '~'));
    } else refNames(value, out, DATA_KEYWORDS.has(key));
  }
}

/**
 * The response validators of a generated client: every distinct JSON response schema of the
 * service (identical ones share one), and the named schemas they reach, embedded in the module
 * without their annotations; `embeddedValidators` (gauntlet/client-runtime) compiles each with
 * ajv on first use. Each named schema is written once however many responses reach it, so the
 * module grows with the contract's schemas, not with compiled code (a large recursive API's
 * standalone validators were 7 MB of code; see bench/fixtures/generate-recursive-spec.ts).
 * Every schema is compiled once here to report what ajv cannot compile: such a response is left
 * out (not validated) with a warning. Deterministic: validators are numbered in operation order.
 *
 * @example
 * const { code } = generateValidators(service);
 * // export const validators = embeddedValidators(schemas, { "GET /pets/{petId}": { "200": v0 } });
 */
export function generateValidators(service: Service): GeneratedValidators {
  const compiler = createSchemaCompiler(service.schemas);
  /** Named schema → why it (or a schema it reaches) does not compile; '' when it does. */
  const problems = new Map<string, string>();
  const problemOf = (names: Iterable<string>): string | undefined => {
    const queue = [...names];
    const seen = new Set<string>();
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      if (seen.has(name)) continue;
      seen.add(name);
      let problem = problems.get(name);
      if (problem === undefined) {
        problem =
          compiler.problem({ $ref: `${SCHEMA_REF_PREFIX}${escapePointerToken(name)}` }) ?? '';
        problems.set(name, problem);
      }
      if (problem !== '') return problem;
      const refs = new Set<string>();
      refNames(service.schemas[name], refs);
      queue.push(...refs);
    }
    return undefined;
  };

  const byText = new Map<string, string>();
  const constants: string[] = [];
  const used = new Set<string>();
  const table: Array<[string, Array<[string, string]>]> = [];
  const diagnostics: Diagnostic[] = [];
  for (const operation of service.operations) {
    const statuses: Array<[string, string]> = [];
    for (const response of operation.responses) {
      const content = response.contents.find(
        (c) => JSON_MEDIA.test(c.mediaType) && c.schema !== undefined,
      );
      if (content === undefined) continue;
      const schema = content.schema as JsonSchema;
      const text = JSON.stringify(schema);
      let name = byText.get(text);
      if (name === undefined) {
        const refs = new Set<string>();
        refNames(schema, refs);
        const problem = compiler.problem(schema) ?? problemOf(refs);
        if (problem !== undefined) {
          diagnostics.push({
            code: 'GAUNTLET_E_GENERATE',
            severity: 'warning',
            message: `Failed to compile a validator for ${operation.method} ${operation.path} ${response.status}: because ${problem}. That response is not validated.`,
            ...(operation.source ? { location: operation.source } : {}),
          });
          continue;
        }
        for (const ref of refs) used.add(ref);
        name = `v${byText.size}`;
        byText.set(text, name);
        constants.push(`const ${name} = ${JSON.stringify(withoutAnnotations(schema))};`);
      }
      statuses.push([response.status, name]);
    }
    if (statuses.length > 0) table.push([`${operation.method} ${operation.path}`, statuses]);
  }
  // Every named schema the kept responses reach, transitively, in the contract's order.
  const reached = new Set<string>();
  const queue = [...used];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (reached.has(name) || service.schemas[name] === undefined) continue;
    reached.add(name);
    const refs = new Set<string>();
    refNames(service.schemas[name], refs);
    queue.push(...refs);
  }
  const named = Object.keys(service.schemas)
    .filter((name) => reached.has(name))
    .map(
      (name) =>
        `  ${JSON.stringify(name)}: ${JSON.stringify(withoutAnnotations(service.schemas[name] as JsonSchema))},`,
    );
  const entries = table.map(
    ([key, statuses]) =>
      `  ${JSON.stringify(key)}: { ${statuses.map(([status, name]) => `${JSON.stringify(status)}: ${name}`).join(', ')} },`,
  );
  const lines = [
    `import { embeddedValidators } from '${CLIENT_RUNTIME_MODULE}';`,
    '',
    '// The named schemas the responses reach, without annotations (descriptions, examples).',
    named.length > 0 ? `const schemas = {\n${named.join('\n')}\n};` : 'const schemas = {};',
    ...constants,
    '',
    `export const validators = embeddedValidators(schemas, {${entries.length > 0 ? `\n${entries.join('\n')}\n` : ''}});`,
  ];
  return { code: lines.join('\n'), count: byText.size, diagnostics };
}
