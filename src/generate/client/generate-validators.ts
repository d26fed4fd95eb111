import { Ajv2020 } from 'ajv/dist/2020.js';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormatsPlugin from 'ajv-formats';
import type { Diagnostic, JsonSchema, Service } from '../../model/index.js';
import { SCHEMA_REF_PREFIX } from '../../model/index.js';

/** Keywords whose values are data, not schemas: `$ref`s inside them are left alone. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example', 'discriminator']);
const JSON_MEDIA = /^application\/(?:[\w.+-]*\+)?json\b|^\*\/\*$/i;

export interface GeneratedValidators {
  /** ESM JavaScript: `export const validators = { 'GET /pets/{id}': { '200': v0 } }`. */
  code: string;
  /** How many distinct validators were compiled. */
  count: number;
  /** Schemas ajv could not compile (those responses are not validated). */
  diagnostics: Diagnostic[];
}

/**
 * The id named schema `X` is compiled under: each named schema is its own ajv root, so its code
 * is emitted once and called by every validator that reaches it (a `$ref` into one shared
 * registry document is compiled again for each validator that uses it).
 */
function schemaId(name: string): string {
  return `gauntlet:schema/${encodeURIComponent(name)}`;
}

/** `#/components/schemas/A~1B/properties/x` → `gauntlet:schema/A%2FB#/properties/x`. */
function refId(ref: string): string {
  const rest = ref.slice(SCHEMA_REF_PREFIX.length);
  const slash = rest.indexOf('/');
  const segment = slash < 0 ? rest : rest.slice(0, slash);
  const name = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return `${schemaId(name)}#${slash < 0 ? '' : rest.slice(slash)}`;
}

/** Points model refs (`#/components/schemas/X`) at the named schemas' own ids. */
function retarget(value: unknown, dataValue = false): unknown {
  if (Array.isArray(value)) return value.map((item) => retarget(item, dataValue));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (dataValue || DATA_KEYWORDS.has(key)) out[key] = inner;
    else if (key === '$ref' && typeof inner === 'string' && inner.startsWith(SCHEMA_REF_PREFIX))
      out[key] = refId(inner);
    else out[key] = retarget(inner, false);
  }
  return out;
}

/**
 * Standalone ajv output is CommonJS-flavoured even in ESM mode (`require("ajv/dist/runtime/x")`):
 * turn those into imports so the module runs as ESM in Node and bundlers.
 */
function requiresToImports(code: string): { imports: string[]; body: string } {
  const names = new Map<string, string>();
  const body = code.replace(/require\("([^"]+)"\)/g, (_match, specifier: string) => {
    let name = names.get(specifier);
    if (name === undefined) {
      name = `runtime${names.size}`;
      names.set(specifier, name);
    }
    return name;
  });
  const imports = [...names].map(
    ([specifier, name]) =>
      `import ${name} from ${JSON.stringify(specifier.endsWith('.js') ? specifier : `${specifier}.js`)};`,
  );
  return { imports, body };
}

const FORMATS_PRELUDE = `import ajvFormats from "ajv-formats/dist/formats.js";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const formats = {
  ...ajvFormats.fullFormats,
  int32: { type: "number", validate: (n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 },
  int64: { type: "number", validate: (n) => Number.isInteger(n) },
  float: { type: "number", validate: (n) => Math.abs(n) <= 3.4028234663852886e38 },
  double: { type: "number", validate: () => true },
  byte: { type: "string", validate: (s) => BASE64.test(s) },
  binary: true,
  password: true,
};`;

/**
 * Compiles, at generation time, one ajv validator per distinct JSON response schema of the
 * service and prints them as a standalone ES module, so a generated client validates responses
 * without compiling schemas (or shipping ajv's compiler) at run time. Identical schemas share one
 * validator. Deterministic: validators are numbered in operation order.
 *
 * @example
 * const { code } = generateValidators(service);
 * // export const validators = { "GET /pets/{petId}": { "200": v0 } };
 */
export function generateValidators(service: Service): GeneratedValidators {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    logger: false,
    unicodeRegExp: false,
    validateSchema: false,
    code: { source: true, esm: true, formats: _`formats` },
    // Each named schema is one function that every validator reaching it calls, instead of its
    // code inlined into each of them: a large API whose responses share (and recurse through)
    // the same schemas went from an 18 MB validators module to a few MB.
    inlineRefs: false,
  });
  addFormatsPlugin.default(ajv);
  // Only the names matter here: the generated module brings the implementations (FORMATS_PRELUDE).
  for (const name of ['int32', 'int64', 'float', 'double']) {
    ajv.addFormat(name, { type: 'number', validate: () => true });
  }
  ajv.addFormat('byte', { type: 'string', validate: () => true });
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  for (const [name, schema] of Object.entries(service.schemas)) {
    const target = retarget(schema);
    const root = typeof target === 'boolean' ? (target ? {} : { not: {} }) : (target as object);
    const { $id: _own, ...rest } = root as Record<string, unknown>;
    ajv.addSchema(rest, schemaId(name));
  }

  const byText = new Map<string, string>();
  const exports: Record<string, string> = {};
  const table: Array<[string, Array<[string, string]>]> = [];
  const diagnostics: Diagnostic[] = [];
  for (const operation of service.operations) {
    const statuses: Array<[string, string]> = [];
    for (const response of operation.responses) {
      const content = response.contents.find(
        (c) => JSON_MEDIA.test(c.mediaType) && c.schema !== undefined,
      );
      if (content === undefined) continue;
      const schema = retarget(content.schema as JsonSchema);
      const text = JSON.stringify(schema);
      let name = byText.get(text);
      if (name === undefined) {
        const candidate = `v${byText.size}`;
        try {
          ajv.addSchema(
            typeof schema === 'boolean'
              ? { $id: candidate, ...(schema ? {} : { not: {} }) }
              : { ...(schema as object), $id: candidate },
          );
          ajv.getSchema(candidate);
        } catch (error) {
          ajv.removeSchema(candidate);
          diagnostics.push({
            code: 'GAUNTLET_E_GENERATE',
            severity: 'warning',
            message: `Failed to compile a validator for ${operation.method} ${operation.path} ${response.status}: because ${error instanceof Error ? error.message : String(error)}. That response is not validated.`,
            ...(operation.source ? { location: operation.source } : {}),
          });
          continue;
        }
        name = candidate;
        byText.set(text, name);
        exports[name] = name;
      }
      statuses.push([response.status, name]);
    }
    if (statuses.length > 0) table.push([`${operation.method} ${operation.path}`, statuses]);
  }
  const lines: string[] = [];
  if (byText.size > 0) {
    const { imports, body } = requiresToImports(
      standaloneCode.default(ajv, exports).replace(/^"use strict";/, ''),
    );
    lines.push(...imports, FORMATS_PRELUDE, body);
  }
  const entries = table.map(
    ([key, statuses]) =>
      `${JSON.stringify(key)}: { ${statuses.map(([status, name]) => `${JSON.stringify(status)}: ${name}`).join(', ')} }`,
  );
  lines.push(`export const validators = { ${entries.join(', ')} };`);
  return { code: lines.join('\n'), count: byText.size, diagnostics };
}
