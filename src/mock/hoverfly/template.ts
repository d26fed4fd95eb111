/**
 * A small, safe evaluator for Hoverfly's response templates (a Handlebars subset). Templates are
 * data: they are parsed into nodes once and rendered by walking them; nothing is ever evaluated as
 * code. Supported: `{{ path }}` (HTML-escaped, as Handlebars does) and `{{{ path }}}` (raw), paths
 * into `Request.*`, `State.*`, `Literals.*`, `Vars.*`, `this` and `@index`; `Request.Body
 * 'jsonpath'|'xpath' expr`; helpers `now`, `currentDateTime`, `iso8601DateTime`, `randomUuid`,
 * `randomString[Length]`, `randomBoolean`, `randomInteger[Range]`, `randomFloat[Range]`,
 * `randomEmail`, `randomIPv4`, `randomIPv6`, `concat`, `replace`, `length`, `add`, `subtract`,
 * `multiply`, `divide`; blocks `#if`, `#unless`, `#each`, `#equal` with `else`. Randomness and
 * time are injected (seeded RNG, clock) so renders are repeatable.
 */
import { DOMParser } from '@xmldom/xmldom';
import { JSONPath } from 'jsonpath-plus';
import xpath from 'xpath';

type Arg =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'path'; segments: string[] }
  | { kind: 'call'; expr: Expr };

interface Expr {
  head: Arg;
  args: Arg[];
}

type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'out'; expr: Expr; raw: boolean }
  | { kind: 'block'; name: string; args: Arg[]; body: TemplateNode[]; inverse: TemplateNode[] };

export interface TemplateRequest {
  method: string;
  scheme: string;
  host: string;
  /** Path segments without the empty leading one: `/a/b` → ['a', 'b']. */
  path: string[];
  query: Record<string, string[]>;
  headers: Record<string, string[]>;
  form: Record<string, string[]>;
  body: string;
}

export interface TemplateContext {
  request: TemplateRequest;
  state: Record<string, string>;
  literals: Record<string, unknown>;
  /** Variables are helper calls evaluated per render: name → { function, arguments }. */
  variables: Record<string, { function: string; arguments: unknown[] }>;
  random: () => number;
  now: () => Date;
}

export interface CompiledTemplate {
  render(context: TemplateContext): { text: string; problems: string[] };
}

// ---------------------------------------------------------------- parsing

function tokenize(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      const stop = end < 0 ? source.length : end;
      out.push(source.slice(i, stop + 1));
      i = stop + 1;
    } else if (c === '(' || c === ')') {
      out.push(c);
      i++;
    } else {
      let j = i;
      while (j < source.length && !/[\s()]/.test(source[j]!)) j++;
      out.push(source.slice(i, j));
      i = j;
    }
  }
  return out;
}

function pathSegments(token: string): string[] {
  const out: string[] = [];
  for (const part of token.split('.')) {
    if (part === '') continue;
    const index = /^\[(.*)\]$/.exec(part);
    out.push(index ? index[1]! : part);
  }
  return out;
}

function parseArgs(tokens: string[], pos: { i: number }, until?: string): Arg[] {
  const args: Arg[] = [];
  while (pos.i < tokens.length) {
    const t = tokens[pos.i]!;
    if (t === until) {
      pos.i++;
      break;
    }
    pos.i++;
    if (t === '(') {
      const inner = parseArgs(tokens, pos, ')');
      const [head, ...rest] = inner;
      if (head) args.push({ kind: 'call', expr: { head, args: rest } });
    } else if (t.startsWith("'") || t.startsWith('"')) {
      args.push({
        kind: 'string',
        value: t.slice(1, t.endsWith(t[0]!) && t.length > 1 ? -1 : undefined),
      });
    } else if (/^-?\d+(\.\d+)?$/.test(t)) {
      args.push({ kind: 'number', value: Number(t) });
    } else {
      args.push({ kind: 'path', segments: pathSegments(t) });
    }
  }
  return args;
}

function parseExpr(source: string): Expr | undefined {
  const args = parseArgs(tokenize(source), { i: 0 });
  const [head, ...rest] = args;
  return head ? { head, args: rest } : undefined;
}

function parse(source: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: Array<{ node: Extract<TemplateNode, { kind: 'block' }>; inElse: boolean }> = [];
  const target = (): TemplateNode[] => {
    const top = stack[stack.length - 1];
    if (!top) return root;
    return top.inElse ? top.node.inverse : top.node.body;
  };
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open < 0) {
      target().push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (open > i) target().push({ kind: 'text', text: source.slice(i, open) });
    const raw = source.startsWith('{{{', open);
    const close = source.indexOf(raw ? '}}}' : '}}', open);
    if (close < 0) {
      target().push({ kind: 'text', text: source.slice(open) });
      break;
    }
    const inner = source.slice(open + (raw ? 3 : 2), close).trim();
    i = close + (raw ? 3 : 2);
    if (inner.startsWith('!')) continue;
    if (inner.startsWith('#')) {
      const tokens = tokenize(inner.slice(1));
      const name = tokens[0] ?? '';
      const args = parseArgs(tokens.slice(1), { i: 0 });
      const node = { kind: 'block' as const, name, args, body: [], inverse: [] };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (inner.startsWith('/')) {
      stack.pop();
    } else if (inner === 'else' || inner === '^') {
      const top = stack[stack.length - 1];
      if (top) top.inElse = true;
    } else {
      const expr = parseExpr(inner);
      if (expr) target().push({ kind: 'out', expr, raw });
    }
  }
  return root;
}

// ---------------------------------------------------------------- rendering

interface Scope {
  context: TemplateContext;
  self: unknown;
  locals: Record<string, unknown>;
  problems: string[];
}

function lowerKey(map: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(map, key)) return map[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(map)) if (k.toLowerCase() === lower) return map[k];
  return undefined;
}

function rootValue(scope: Scope, name: string): unknown {
  const { context } = scope;
  switch (name) {
    case 'Request': {
      const r = context.request;
      return {
        Method: r.method,
        Scheme: r.scheme,
        Host: r.host,
        Path: r.path,
        QueryParam: r.query,
        Header: r.headers,
        FormData: r.form,
        Body: r.body,
      };
    }
    case 'State':
      return context.state;
    case 'Literals':
      return context.literals;
    case 'Vars': {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(context.variables)) {
        out[key] = callHelper(
          v.function,
          v.arguments.map((a) => (typeof a === 'number' ? a : String(a))),
          scope,
        );
      }
      return out;
    }
    default:
      return undefined;
  }
}

function resolvePath(segments: string[], scope: Scope): unknown {
  const [first, ...rest] = segments;
  if (first === undefined) return undefined;
  let value: unknown;
  if (first === 'this') value = scope.self;
  else if (first.startsWith('@')) value = scope.locals[first];
  else {
    value = rootValue(scope, first);
    if (value === undefined && typeof scope.self === 'object' && scope.self !== null) {
      value = (scope.self as Record<string, unknown>)[first];
    }
  }
  for (const segment of rest) {
    if (Array.isArray(value)) value = value[Number(segment)];
    else if (typeof value === 'object' && value !== null)
      value = lowerKey(value as Record<string, unknown>, segment);
    else return undefined;
  }
  return value;
}

/** How Handlebars (raymond) prints a value: arrays concatenated, objects as JSON, null/undefined empty. */
function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(show).join('');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&#34;' : '&#39;',
  );
}

function argValue(arg: Arg, scope: Scope): unknown {
  switch (arg.kind) {
    case 'string':
    case 'number':
      return arg.value;
    case 'path':
      return resolvePath(arg.segments, scope);
    case 'call':
      return evalExpr(arg.expr, scope);
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => randInt(random, 0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((randInt(random, 0, 15) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Formats a UTC date with a Go reference layout (`2006-01-02T15:04:05Z07:00`), or `unix`/`epoch`. */
export function formatGoTime(date: Date, layout: string): string {
  if (layout === 'unix') return String(Math.floor(date.getTime() / 1000));
  if (layout === 'epoch') return String(date.getTime());
  const table: Array<[string, () => string]> = [
    ['2006', () => String(date.getUTCFullYear())],
    ['Z07:00', () => 'Z'],
    ['-07:00', () => '+00:00'],
    ['-0700', () => '+0000'],
    ['MST', () => 'UTC'],
    ['January', () => MONTHS[date.getUTCMonth()]!],
    ['Jan', () => MONTHS[date.getUTCMonth()]!],
    ['Monday', () => DAYS[date.getUTCDay()]!],
    ['Mon', () => DAYS[date.getUTCDay()]!],
    ['.000', () => `.${pad(date.getUTCMilliseconds(), 3)}`],
    ['01', () => pad(date.getUTCMonth() + 1)],
    ['02', () => pad(date.getUTCDate())],
    ['15', () => pad(date.getUTCHours())],
    ['03', () => pad(date.getUTCHours() % 12 || 12)],
    ['04', () => pad(date.getUTCMinutes())],
    ['05', () => pad(date.getUTCSeconds())],
    ['06', () => pad(date.getUTCFullYear() % 100)],
    ['PM', () => (date.getUTCHours() < 12 ? 'AM' : 'PM')],
  ];
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    for (const [token, fn] of table) {
      if (layout.startsWith(token, i)) {
        out += fn();
        i += token.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  y: 365 * 86_400_000,
};

/** `1d`, `-2h`, `30m`, `1d2h` → milliseconds (0 when unreadable). */
function offsetMs(offset: string): number {
  let total = 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  for (const m of offset.replace(/^[+-]/, '').matchAll(/(\d+)(ms|s|m|h|d|y)/g))
    total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
  return sign * total;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(show(v)));

function bodySelect(kind: string, expression: string, body: string): unknown {
  if (kind === 'jsonpath') {
    try {
      const found: unknown = JSONPath({
        path: expression,
        json: JSON.parse(body) as object,
        wrap: true,
      });
      if (!Array.isArray(found) || found.length === 0) return '';
      return found.length === 1 ? found[0] : found;
    } catch {
      return '';
    }
  }
  if (kind === 'xpath') {
    try {
      const doc = new DOMParser({ onError: () => undefined }).parseFromString(body, 'text/xml');
      const result = xpath.select(expression, doc as never);
      if (Array.isArray(result)) {
        const first = result[0] as { textContent?: string | null } | undefined;
        return first?.textContent ?? '';
      }
      return result;
    } catch {
      return '';
    }
  }
  return '';
}

function callHelper(name: string, args: unknown[], scope: Scope): unknown {
  const { random, now } = scope.context;
  switch (name) {
    case 'now': {
      const offset = args[0] === undefined ? '' : show(args[0]);
      const layout =
        args[1] === undefined || show(args[1]) === '' ? '2006-01-02T15:04:05Z07:00' : show(args[1]);
      return formatGoTime(new Date(now().getTime() + offsetMs(offset)), layout);
    }
    case 'currentDateTime':
      return formatGoTime(
        now(),
        args[0] === undefined ? '2006-01-02T15:04:05Z07:00' : show(args[0]),
      );
    case 'iso8601DateTime':
      return formatGoTime(now(), '2006-01-02T15:04:05Z07:00');
    case 'randomUuid':
      return uuid(random);
    case 'randomString':
    case 'randomStringLength': {
      const size = name === 'randomString' ? 10 : Math.max(0, Math.floor(num(args[0])) || 0);
      return Array.from({ length: size }, () => ALNUM[randInt(random, 0, ALNUM.length - 1)]).join(
        '',
      );
    }
    case 'randomBoolean':
      return random() < 0.5;
    case 'randomInteger':
      return randInt(random, 0, 2147483647);
    case 'randomIntegerRange':
      return randInt(random, Math.ceil(num(args[0])), Math.floor(num(args[1])));
    case 'randomFloat':
      return random() * 1000;
    case 'randomFloatRange': {
      const lo = num(args[0]);
      return lo + random() * (num(args[1]) - lo);
    }
    case 'randomEmail':
      return `${Array.from({ length: 8 }, () => ALNUM[randInt(random, 26, 51)]).join('')}@example.com`;
    case 'randomIPv4':
      return Array.from({ length: 4 }, () => randInt(random, 0, 255)).join('.');
    case 'randomIPv6':
      return Array.from({ length: 8 }, () => randInt(random, 0, 0xffff).toString(16)).join(':');
    case 'concat':
      return args.map(show).join('');
    case 'replace':
      return show(args[0]).split(show(args[1])).join(show(args[2]));
    case 'length':
      return Array.isArray(args[0]) ? args[0].length : show(args[0]).length;
    case 'add':
      return num(args[0]) + num(args[1]);
    case 'subtract':
      return num(args[0]) - num(args[1]);
    case 'multiply':
      return num(args[0]) * num(args[1]);
    case 'divide':
      return num(args[0]) / num(args[1]);
    default:
      scope.problems.push(`unknown template helper '${name}'`);
      return '';
  }
}

function evalExpr(expr: Expr, scope: Scope): unknown {
  const { head, args } = expr;
  if (head.kind === 'path') {
    const [first, second] = head.segments;
    if (
      first === 'Request' &&
      second === 'Body' &&
      head.segments.length === 2 &&
      args.length >= 2
    ) {
      return bodySelect(
        show(argValue(args[0]!, scope)),
        show(argValue(args[1]!, scope)),
        scope.context.request.body,
      );
    }
    if (head.segments.length === 1 && first !== 'this' && !first!.startsWith('@')) {
      const value = resolvePath(head.segments, scope);
      if (value !== undefined && args.length === 0) return value;
      return callHelper(
        first!,
        args.map((a) => argValue(a, scope)),
        scope,
      );
    }
    return resolvePath(head.segments, scope);
  }
  return argValue(head, scope);
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
}

function renderNodes(nodes: TemplateNode[], scope: Scope): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'out') {
      const text = show(evalExpr(node.expr, scope));
      out += node.raw ? text : escapeHtml(text);
    } else out += renderBlock(node, scope);
  }
  return out;
}

function renderBlock(node: Extract<TemplateNode, { kind: 'block' }>, scope: Scope): string {
  const values = node.args.map((a) => argValue(a, scope));
  switch (node.name) {
    case 'if':
      return renderNodes(truthy(values[0]) ? node.body : node.inverse, scope);
    case 'unless':
      return renderNodes(truthy(values[0]) ? node.inverse : node.body, scope);
    case 'equal':
      return renderNodes(show(values[0]) === show(values[1]) ? node.body : node.inverse, scope);
    case 'each': {
      const target = values[0];
      const entries: Array<[string | number, unknown]> = Array.isArray(target)
        ? target.map((v, i) => [i, v])
        : typeof target === 'object' && target !== null
          ? Object.entries(target)
          : [];
      if (entries.length === 0) return renderNodes(node.inverse, scope);
      return entries
        .map(([key, value], i) =>
          renderNodes(node.body, {
            ...scope,
            self: value,
            locals: {
              '@index': i,
              '@key': key,
              '@first': i === 0,
              '@last': i === entries.length - 1,
            },
          }),
        )
        .join('');
    }
    default:
      scope.problems.push(`unknown block helper '#${node.name}'`);
      return '';
  }
}

/**
 * Parses a Hoverfly template once; `render` walks the parsed nodes.
 *
 * @example
 * compileTemplate('id={{ Request.Path.[1] }}').render(context).text // → 'id=42' for /pets/42
 */
export function compileTemplate(source: string): CompiledTemplate {
  const nodes = parse(source);
  return {
    render(context) {
      const scope: Scope = { context, self: undefined, locals: {}, problems: [] };
      const text = renderNodes(nodes, scope);
      return { text, problems: scope.problems };
    },
  };
}

/** True when the text holds template syntax (so static strings can skip rendering). */
export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}
