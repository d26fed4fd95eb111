import { type JsonSchema, SCHEMA_REF_PREFIX, unescapePointerToken } from '../model/index.js';
import { isRecord } from '../util/guards.js';

type Schemas = Record<string, JsonSchema>;

/** Per registry: the named schemas from which a `$ref` cycle can be reached. */
const recursiveNames = new WeakMap<Schemas, ReadonlySet<string>>();

/** Names of the registry's schemas that `value` refers to, anywhere inside it (`A/x/y` → `A`). */
function namesReferred(value: unknown, out: Set<string>): Set<string> {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
    } else if (isRecord(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF_PREFIX)) {
          out.add(unescapePointerToken(child.slice(SCHEMA_REF_PREFIX.length).split('/')[0] ?? ''));
        } else if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return out;
}

/**
 * Tarjan's strongly connected components over the `$ref` graph of the registry, iteratively (a
 * real registry may hold long chains). Components come out callees first, so whether one reaches
 * a cycle is known from those already out.
 */
function findRecursiveNames(schemas: Schemas): ReadonlySet<string> {
  const edges = new Map<string, string[]>();
  for (const [name, schema] of Object.entries(schemas)) {
    edges.set(
      name,
      [...namesReferred(schema, new Set())].filter((n) => Object.hasOwn(schemas, n)),
    );
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const recursive = new Set<string>();
  let counter = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const frames: Array<{ name: string; next: number }> = [{ name: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const targets = edges.get(frame.name)!;
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          frames.push({ name: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.name, Math.min(low.get(frame.name)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.name, Math.min(low.get(parent.name)!, low.get(frame.name)!));
      if (low.get(frame.name) !== index.get(frame.name)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.name);
      const cyclic =
        component.length > 1 ||
        edges.get(frame.name)!.includes(frame.name) ||
        component.some((n) => edges.get(n)!.some((t) => recursive.has(t)));
      if (cyclic) for (const n of component) recursive.add(n);
    }
  }
  return recursive;
}

/**
 * Whether generating a value for `schema` can meet a `$ref` cycle of the registry (a schema that,
 * through any chain of references, refers to itself). Such a schema has values of unbounded size:
 * a generator must bound them itself (see sampleValue). The registry's graph is computed once per
 * registry object (one pass over its schemas) and cached.
 *
 * @example
 * reachesRecursion({ $ref: '#/components/schemas/Node' }, { Node: { properties: { next: { $ref: '#/components/schemas/Node' } } } });
 * // → true
 */
export function reachesRecursion(schema: JsonSchema, schemas: Schemas): boolean {
  if (!isRecord(schema)) return false;
  let recursive = recursiveNames.get(schemas);
  if (recursive === undefined) {
    recursive = findRecursiveNames(schemas);
    recursiveNames.set(schemas, recursive);
  }
  if (recursive.size === 0) return false;
  for (const name of namesReferred(schema, new Set())) if (recursive.has(name)) return true;
  return false;
}
