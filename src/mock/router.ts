import { escapeRegex, safeDecode } from '../util/text.js';
/**
 * A path router built once at compile time: a trie keyed by literal path segments, with
 * templated children tried only after the literal branch failed (literal `/pets/mine` beats
 * `/pets/{id}`, as in Prism). Lookup cost depends on the path's depth, not on the number of
 * operations. Literal segments match percent-decoded, as Prism matches them (`/items%3Abatch`
 * is `/items:batch`); captured variables stay percent-encoded.
 */

/** The outcome of a lookup. */
export type RouteResult<T> =
  | { kind: 'found'; value: T; params: Record<string, string>; template: string }
  | { kind: 'method-not-allowed'; allowed: string[]; template: string }
  | { kind: 'not-found' };

interface Route<T> {
  value: T;
  template: string;
  /** Variable names in the order their values are captured along the path. */
  names: string[];
}

interface Leaf<T> {
  template: string;
  methods: Map<string, Route<T>>;
}

/** A segment with text around its variables, e.g. `{id}.json` or `v{major}.{minor}`. */
interface PatternChild<T> {
  regex: RegExp;
  variables: number;
  node: Node<T>;
  /** The regex source, which identifies the child. */
  source: string;
  /** Tried only after every other child (see `addFallback`). */
  fallback: boolean;
}

interface Node<T> {
  literal: Map<string, Node<T>>;
  patterns: PatternChild<T>[];
  /** A segment that is exactly one variable: `{id}`. */
  param?: Node<T>;
  leaf?: Leaf<T>;
}

function emptyNode<T>(): Node<T> {
  return { literal: new Map(), patterns: [] };
}

const SLASH = 47;

/** Splits a path into its non-empty segments (a trailing slash does not count). */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  for (let start = skipSlashes(path, 0); start < path.length; ) {
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    out.push(path.slice(start, end));
    start = skipSlashes(path, end);
  }
  return out;
}

/** The index of the first character at or after `from` that is not a `/`. */
function skipSlashes(path: string, from: number): number {
  let i = from;
  while (i < path.length && path.charCodeAt(i) === SLASH) i++;
  return i;
}

const WHOLE_VARIABLE = /^\{([^{}]+)\}$/;
const VARIABLE = /\{([^{}]+)\}/g;

export class Router<T> {
  private readonly root: Node<T> = emptyNode();

  /**
   * Adds `value` for `method` at `template` (`/pets/{id}`). The first value added for a
   * method and template wins, so operations registered under their own path take precedence
   * over the same operation registered again under a server base path. `variablePatterns`
   * (regex source by variable name) narrow variables that share a segment with text or with
   * another variable, e.g. `{sid}{ext}` with `ext` one of `.json|.xml`.
   */
  add(
    method: string,
    template: string,
    value: T,
    variablePatterns: Record<string, string> = {},
  ): void {
    this.insert(method, template, value, variablePatterns, false);
  }

  /**
   * Adds `value` again at `template` with its variables unnarrowed, tried only after every other
   * route failed: a request whose variable breaks its enum (`/files/a.csv` where `ext` is
   * `json|xml`) still reaches its operation, which answers 422 as Prism does, not 404.
   */
  addFallback(method: string, template: string, value: T): void {
    this.insert(method, template, value, {}, true);
  }

  private insert(
    method: string,
    template: string,
    value: T,
    variablePatterns: Record<string, string>,
    fallback: boolean,
  ): void {
    let node = this.root;
    const names: string[] = [];
    for (const segment of splitPath(template)) {
      for (const match of segment.matchAll(VARIABLE)) names.push(match[1]!);
      node = this.child(node, segment, variablePatterns, fallback);
    }
    node.leaf ??= { template, methods: new Map() };
    if (!node.leaf.methods.has(method)) node.leaf.methods.set(method, { value, template, names });
  }

  /** Finds the value for `method` and a percent-encoded `path`; params stay percent-encoded. */
  find(method: string, path: string): RouteResult<T> {
    // The hot path: segments are read off the path in place, no array of them is built.
    const captures: string[] = [];
    const start = skipSlashes(path, 0);
    const leaf = this.walk(this.root, path, start, captures, method);
    const route = leaf?.methods.get(method);
    if (route) {
      const params: Record<string, string> = {};
      const names = route.names;
      for (let i = 0; i < names.length; i++) params[names[i]!] = captures[i] ?? '';
      return { kind: 'found', value: route.value, params, template: route.template };
    }
    // No leaf has this method: report the methods of the best path match for 405.
    const anyLeaf = this.walk(this.root, path, start, [], undefined);
    if (anyLeaf) {
      return {
        kind: 'method-not-allowed',
        allowed: [...anyLeaf.methods.keys()],
        template: anyLeaf.template,
      };
    }
    return { kind: 'not-found' };
  }

  private child(
    node: Node<T>,
    segment: string,
    variablePatterns: Record<string, string>,
    fallback: boolean,
  ): Node<T> {
    const whole = WHOLE_VARIABLE.exec(segment);
    if (whole) {
      // Templates that differ only in a variable's name share the node; names live on the route.
      node.param ??= emptyNode();
      return node.param;
    }
    if (segment.includes('{')) {
      let variables = 0;
      let pattern = '';
      let last = 0;
      for (const match of segment.matchAll(VARIABLE)) {
        const narrowed = variablePatterns[match[1]!];
        pattern += `${escapeRegex(segment.slice(last, match.index))}(${narrowed ?? '.+?'})`;
        variables++;
        last = match.index + match[0].length;
      }
      pattern += escapeRegex(segment.slice(last));
      const existing = node.patterns.find((p) => p.source === pattern && p.fallback === fallback);
      if (existing) return existing.node;
      const child: PatternChild<T> = {
        regex: new RegExp(`^${pattern}$`),
        variables,
        node: emptyNode(),
        source: pattern,
        fallback,
      };
      // Fallbacks last, so a plain lookup never reaches them before the other children.
      if (fallback) node.patterns.push(child);
      else {
        const firstFallback = node.patterns.findIndex((p) => p.fallback);
        node.patterns.splice(firstFallback < 0 ? node.patterns.length : firstFallback, 0, child);
      }
      return child.node;
    }
    const key = segment.includes('%') ? safeDecode(segment) : segment;
    let next = node.literal.get(key);
    if (!next) {
      next = emptyNode();
      node.literal.set(key, next);
    }
    return next;
  }

  /**
   * Depth-first: literal child, then patterned children, then the whole-segment variable. When
   * `method` is given, a leaf without that method does not end the search (a templated sibling
   * may have it).
   */
  private walk(
    node: Node<T>,
    path: string,
    start: number,
    captures: string[],
    method: string | undefined,
  ): Leaf<T> | undefined {
    if (start >= path.length) {
      if (!node.leaf) return undefined;
      if (method !== undefined && !node.leaf.methods.has(method)) return undefined;
      return node.leaf;
    }
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    const segment = path.slice(start, end);
    const next = skipSlashes(path, end);
    const literal =
      node.literal.get(segment) ??
      (segment.includes('%') ? node.literal.get(safeDecode(segment)) : undefined);
    if (literal) {
      const found = this.walk(literal, path, next, captures, method);
      if (found) return found;
    }
    for (const pattern of node.patterns) {
      if (pattern.fallback) break;
      const found = this.walkPattern(pattern, segment, path, next, captures, method);
      if (found) return found;
    }
    if (node.param) {
      captures.push(segment);
      const found = this.walk(node.param, path, next, captures, method);
      if (found) return found;
      captures.pop();
    }
    for (const pattern of node.patterns) {
      if (!pattern.fallback) continue;
      const found = this.walkPattern(pattern, segment, path, next, captures, method);
      if (found) return found;
    }
    return undefined;
  }

  private walkPattern(
    pattern: PatternChild<T>,
    segment: string,
    path: string,
    next: number,
    captures: string[],
    method: string | undefined,
  ): Leaf<T> | undefined {
    const match = pattern.regex.exec(segment);
    if (!match) return undefined;
    const depth = captures.length;
    for (let i = 1; i <= pattern.variables; i++) captures.push(match[i] ?? '');
    const found = this.walk(pattern.node, path, next, captures, method);
    if (found) return found;
    captures.length = depth;
    return undefined;
  }
}
