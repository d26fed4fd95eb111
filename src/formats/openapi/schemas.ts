import { type JsonSchema, type JsonSchemaObject, schemaRef } from '../../model/index.js';
import {
  SCHEMA_LIST_KEYWORDS,
  SCHEMA_MAP_KEYWORDS,
  SINGLE_SCHEMA_KEYWORDS,
} from '../../schema/keywords.js';
import { isRecord } from '../../util/guards.js';
import { child, entries, invalid, type LoadContext, unresolved } from './context.js';
import type { Located } from './documents.js';

/**
 * Turns OpenAPI schemas into JSON Schema 2020-12 and keeps the service's schema registry.
 *
 * Named component schemas (3.x `components/schemas`, 2.0 `definitions`) and every schema imported
 * from another file stay references (`#/components/schemas/<name>`), so circular schemas work;
 * other `$ref`s are inlined, and an inlined reference that turns out to be circular is promoted to
 * the registry under a generated name. Conversion of each registered schema happens once.
 */
export class SchemaConverter {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly names = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly queue: Array<{ name: string; target: Located }> = [];
  private readonly inlining = new Set<string>();
  private readonly converting = new Set<object>();

  constructor(private readonly ctx: LoadContext) {}

  /** Registers every named schema of the root document (so names are kept exactly). */
  registerComponents(): void {
    const root = this.ctx.docs.root;
    const top: Located = { value: root.value, doc: root, pointer: '' };
    const container =
      this.ctx.version === '2.0'
        ? child(top, 'definitions')
        : child(child(top, 'components'), 'schemas');
    for (const [name, node] of entries(container)) {
      const ok =
        typeof node.value === 'boolean' ? this.ctx.version === '3.1' : isRecord(node.value);
      if (!ok) {
        invalid(
          this.ctx,
          node,
          `the schema "${name}" is ${describe(node.value)}, not a schema object`,
        );
        continue;
      }
      this.register(keyOf(node), name, node);
    }
  }

  /** Converts every queued named schema; call after the operations are converted. */
  drain(): void {
    for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) {
      this.schemas[item.name] = this.convert(item.target);
    }
  }

  /** Converts the schema at `node` (a schema object, a boolean, or a `$ref`). */
  convert(node: Located): JsonSchema {
    const value = node.value;
    if (typeof value === 'boolean') return value;
    if (!isRecord(value)) {
      invalid(this.ctx, node, `a schema must be an object, but it is ${describe(value)}`);
      return {};
    }
    if (typeof value.$ref === 'string') return this.convertRef(node, value.$ref);
    if (this.converting.has(value)) {
      // Only a YAML alias that contains itself gets here: $ref cycles are cut above.
      invalid(this.ctx, node, 'the schema contains itself through a YAML alias', 'warning');
      return {};
    }
    // The location counts as being inlined too, so a $ref back to it is seen as a cycle.
    const key = keyOf(node);
    const added = !this.inlining.has(key);
    if (added) this.inlining.add(key);
    this.converting.add(value);
    try {
      return this.convertObject(node, value);
    } finally {
      this.converting.delete(value);
      if (added) this.inlining.delete(key);
    }
  }

  private convertRef(node: Located, ref: string): JsonSchema {
    const resolved = this.ctx.docs.resolve(ref, node.doc);
    let target: JsonSchema;
    if (!resolved.ok) {
      unresolved(this.ctx, node, ref, resolved.reason);
      target = {};
    } else {
      const key = keyOf(resolved.target);
      const known = this.names.get(key);
      if (known !== undefined) {
        target = schemaRef(known);
      } else if (resolved.target.doc !== this.ctx.docs.root) {
        target = schemaRef(this.register(key, importName(resolved.target), resolved.target));
      } else if (this.inlining.has(key)) {
        target = schemaRef(this.register(key, importName(resolved.target), resolved.target));
      } else {
        this.inlining.add(key);
        try {
          target = this.convert(resolved.target);
        } finally {
          this.inlining.delete(key);
        }
      }
    }
    // 3.1 keeps keywords beside a $ref; 3.0 and 2.0 ignore them.
    const value = node.value as Record<string, unknown>;
    if (this.ctx.version !== '3.1' || Object.keys(value).length === 1) return target;
    const { $ref: _ignored, ...siblings } = value;
    const rest = this.convertObject(node, siblings);
    if (typeof target === 'object' && typeof target.$ref === 'string')
      return { ...rest, $ref: target.$ref };
    const allOf = Array.isArray(rest.allOf) ? [...rest.allOf, target] : [target];
    return { ...rest, allOf };
  }

  private convertObject(node: Located, value: Record<string, unknown>): JsonSchemaObject {
    const legacy = this.ctx.version !== '3.1';
    const out: JsonSchemaObject = {};
    for (const [key, raw] of Object.entries(value)) {
      // Only keywords holding schemas need a located child: most keys are plain data.
      if (SINGLE_SCHEMA_KEYWORDS.has(key)) {
        out[key] = this.convert(child(node, key));
      } else if (SCHEMA_MAP_KEYWORDS.has(key) && isRecord(raw)) {
        const map: Record<string, JsonSchema> = {};
        for (const [name, sub] of entries(child(node, key))) map[name] = this.convert(sub);
        out[key] = map;
      } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(raw)) {
        const at = child(node, key);
        out[key] = raw.map((_, index) => this.convert(child(at, index)));
      } else if (key === 'items') {
        const at = child(node, key);
        if (Array.isArray(raw))
          out.prefixItems = raw.map((_, index) => this.convert(child(at, index)));
        else out.items = this.convert(at);
      } else if (key === 'example') {
        if (!('examples' in value)) out.examples = [raw];
      } else if (legacy && (key === 'nullable' || key === 'x-nullable')) {
        // applied below
      } else if (
        legacy &&
        (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') &&
        typeof raw === 'boolean'
      ) {
        const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
        if (raw && typeof value[bound] === 'number') out[key] = value[bound];
      } else {
        out[key] = raw;
      }
    }
    if (legacy) {
      if (value.exclusiveMinimum === true && typeof value.minimum === 'number') delete out.minimum;
      if (value.exclusiveMaximum === true && typeof value.maximum === 'number') delete out.maximum;
      if (out.type === 'file') {
        out.type = 'string';
        out.format = 'binary';
      }
      if (value.nullable === true || value['x-nullable'] === true) return makeNullable(out);
    }
    return out;
  }

  private register(key: string, wanted: string, target: Located): string {
    const existing = this.names.get(key);
    if (existing !== undefined) return existing;
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}_${n}`;
    this.used.add(name);
    this.names.set(key, name);
    this.queue.push({ name, target });
    return name;
  }
}

/** `null` is allowed: `type: [t, 'null']` when the type is known, `anyOf` with null otherwise. */
function makeNullable(schema: JsonSchemaObject): JsonSchemaObject {
  const type = schema.type;
  if (typeof type === 'string' || Array.isArray(type)) {
    const types = typeof type === 'string' ? [type] : [...type];
    if (!types.includes('null')) types.push('null');
    const out: JsonSchemaObject = { ...schema, type: types };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null))
      out.enum = [...schema.enum, null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

function keyOf(target: Located): string {
  return `${target.doc.file}#${target.pointer}`;
}

/** A registry name for an imported or promoted schema: its last pointer token, or the file's base name. */
function importName(target: Located): string {
  const tokens = target.pointer.split('/');
  const last = tokens[tokens.length - 1];
  let base =
    target.pointer !== '' && last !== undefined
      ? last.replace(/~1/g, '/').replace(/~0/g, '~')
      : (target.doc.file.split('/').pop() ?? 'schema').replace(/\.(ya?ml|json)$/i, '');
  base = base.replace(/[^A-Za-z0-9._-]/g, '_');
  return base === '' ? 'schema' : base;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
