import { type Diagnostic, escapePointerToken, type Severity } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import type { DocumentSet, Located } from './documents.js';

export type OpenApiVersion = '2.0' | '3.0' | '3.1';

/** State shared by the parts of one OpenAPI load. */
export interface LoadContext {
  version: OpenApiVersion;
  docs: DocumentSet;
  diagnostics: Diagnostic[];
}

/** The child of a located record or array. */
export function child(node: Located, key: string | number): Located {
  const parent = node.value;
  let value: unknown;
  if (Array.isArray(parent) && typeof key === 'number') value = parent[key];
  else if (isRecord(parent) && typeof key === 'string') value = parent[key];
  return { value, doc: node.doc, pointer: `${node.pointer}/${escapePointerToken(key)}` };
}

/** Adds a diagnostic whose location is the node at `at`. */
export function report(
  ctx: LoadContext,
  code: string,
  severity: Severity,
  message: string,
  at: Pick<Located, 'doc' | 'pointer'>,
): void {
  ctx.diagnostics.push({
    code,
    severity,
    message,
    path: at.pointer,
    location: at.doc.locate(at.pointer),
  });
}

/** Reports a structural problem (`GAUNTLET_E_SPEC_INVALID`, error unless told otherwise). */
export function invalid(
  ctx: LoadContext,
  at: Pick<Located, 'doc' | 'pointer'>,
  because: string,
  severity: Severity = 'error',
): void {
  const where = at.pointer === '' ? 'the document root' : at.pointer;
  report(
    ctx,
    'GAUNTLET_E_SPEC_INVALID',
    severity,
    `Failed to read ${where}: because ${because}. Fix the document to follow the OpenAPI ${ctx.version === '2.0' ? 'Swagger 2.0' : ctx.version} specification.`,
    at,
  );
}

/**
 * Reports a rule of the specification that the document breaks but that the ecosystem's tools
 * (Prism, the Pact and Hoverfly tools) let pass: a `GAUNTLET_W_SPEC_LENIENT` warning, loading goes
 * on. `lint` shows it; `--strict` turns it into an error.
 */
export function lenient(
  ctx: LoadContext,
  at: Pick<Located, 'doc' | 'pointer'>,
  because: string,
  instead?: string,
): void {
  const where = at.pointer === '' ? 'the document root' : at.pointer;
  report(
    ctx,
    'GAUNTLET_W_SPEC_LENIENT',
    'warning',
    `${where}: ${because}${instead ? ` (${instead})` : ''}. Prism and other OpenAPI tools accept this, so Gauntlet loads it unless \`--strict\` is given; fix the document to follow the OpenAPI ${ctx.version === '2.0' ? 'Swagger 2.0' : ctx.version} specification.`,
    at,
  );
}

/** Reports a `$ref` that points at nothing; `at` is the object that holds the `$ref`. */
export function unresolved(ctx: LoadContext, at: Located, ref: string, reason: string): void {
  const refAt = { doc: at.doc, pointer: `${at.pointer}/$ref` };
  const location = at.doc.locate(refAt.pointer);
  const place = location.line === undefined ? location.file : `${location.file}:${location.line}`;
  report(
    ctx,
    'GAUNTLET_E_REF_UNRESOLVED',
    'error',
    `Failed to resolve $ref "${ref}" at ${place}: because ${reason}. Point the $ref at an existing definition.`,
    refAt,
  );
}

/**
 * Follows `$ref`s (Reference Objects, not schemas) until a non-reference value. Reports an
 * unresolved or circular reference and returns undefined.
 */
export function deref(ctx: LoadContext, node: Located): Located | undefined {
  let current = node;
  const seen = new Set<string>();
  while (isRecord(current.value) && typeof current.value.$ref === 'string') {
    const ref = current.value.$ref;
    const key = `${current.doc.file}#${current.pointer}`;
    if (seen.has(key)) {
      unresolved(ctx, current, ref, 'the references form a cycle');
      return undefined;
    }
    seen.add(key);
    const resolved = ctx.docs.resolve(ref, current.doc);
    if (!resolved.ok) {
      unresolved(ctx, current, ref, resolved.reason);
      return undefined;
    }
    current = resolved.target;
  }
  return current;
}

/** Entries of a located record, each located (empty when the value is not a record). */
export function entries(node: Located): Array<[string, Located]> {
  if (!isRecord(node.value)) return [];
  return Object.keys(node.value).map((key) => [key, child(node, key)]);
}

/** Items of a located array, each located (empty when the value is not an array). */
export function items(node: Located): Located[] {
  if (!Array.isArray(node.value)) return [];
  return node.value.map((_, index) => child(node, index));
}

/** The `x-*` keys of a record, or undefined when there are none. */
export function extensionsOf(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('x-')) {
      out ??= {};
      out[key] = v;
    }
  }
  return out;
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Copies `key` from `source` into `target` when it is a string. */
export function copyString<T extends object>(
  target: T,
  key: keyof T & string,
  value: unknown,
): void {
  if (typeof value === 'string') (target as Record<string, unknown>)[key] = value;
}

/** Copies `key` when it is a boolean. */
export function copyBoolean<T extends object>(
  target: T,
  key: keyof T & string,
  value: unknown,
): void {
  if (typeof value === 'boolean') (target as Record<string, unknown>)[key] = value;
}
