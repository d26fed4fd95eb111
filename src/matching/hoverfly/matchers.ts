/**
 * Hoverfly's request field matchers, compiled once: each `{matcher, value, config?, doMatch?}`
 * becomes a function from the field's text to the value it hands on (for `doMatch` chaining), or
 * `undefined` when it does not match. Semantics follow Hoverfly's reference docs: `glob` is
 * case-sensitive with `*`, `regex` searches (unanchored, RE2 `\A`/`\z` accepted), `json` compares
 * parsed values, `jsonpartial` looks for the value as a subset of any node, `jsonpath`/`xpath`
 * match when the expression selects something and hand the selection on, `array` compares
 * `;`-separated lists with its config, `negate` is "not exact", `jwt` is `jsonpartial` over the
 * decoded `{header, payload}` of a token.
 */

import { DOMParser, type Node as XmlNode } from '@xmldom/xmldom';
import { JSONPath } from 'jsonpath-plus';
import xpath from 'xpath';
import type { HoverflyMatcher } from '../../model/hoverfly.js';
import { isRecord } from '../../util/guards.js';
import { escapeRegex } from '../../util/text.js';

export interface CompiledMatcher {
  /** Lower-case matcher name. */
  name: string;
  /** What a match adds to the pair's score: 2 for exact matchers, 1 for the others (Hoverfly's weights). */
  score: number;
  /** The value handed on when the field matches (chained through `doMatch`), else undefined. */
  test(toMatch: string): string | undefined;
  /** A short human description, e.g. `glob '*.json'`. */
  describe: string;
}

type Test = (toMatch: string) => string | undefined;

const text = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '');

/** `*.hoverfly.io` → /^.*\.hoverfly\.io$/s (only `*` is special, as in go-glob). */
export function globToRegex(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map(escapeRegex).join('.*')}$`, 's');
}

/** Go RE2 → JavaScript: leading inline flags and `\A`/`\z` anchors. Undefined when it does not compile. */
export function goRegex(source: string): RegExp | undefined {
  let flags = '';
  let body = source;
  const inline = /^\(\?([imsU]+)\)/.exec(body);
  if (inline) {
    for (const f of inline[1]!) if (f === 'i' || f === 'm' || f === 's') flags += f;
    body = body.slice(inline[0].length);
  }
  body = body.replace(/\\A/g, '^').replace(/\\z/g, '$');
  try {
    return new RegExp(body, flags);
  } catch {
    return undefined;
  }
}

function parseJson(s: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(s) };
  } catch {
    return undefined;
  }
}

/** Structural equality of parsed JSON. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    if (Array.isArray(b)) return false;
    const ka = Object.keys(a);
    const rb = b as Record<string, unknown>;
    return (
      ka.length === Object.keys(b).length &&
      ka.every((k) => Object.hasOwn(rb, k) && jsonEqual((a as Record<string, unknown>)[k], rb[k]))
    );
  }
  return false;
}

/** Every key of `expected` is in `actual` with a contained value (arrays: each element found somewhere). */
function contains(expected: unknown, actual: unknown): boolean {
  if (isRecord(expected)) {
    if (!isRecord(actual)) return false;
    return Object.entries(expected).every(
      ([k, v]) => Object.hasOwn(actual, k) && contains(v, actual[k]),
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false;
    return expected.every((e) => actual.some((a) => contains(e, a)));
  }
  return expected === actual;
}

function allNodes(value: unknown, out: unknown[] = []): unknown[] {
  out.push(value);
  if (Array.isArray(value)) for (const v of value) if (typeof v === 'object') allNodes(v, out);
  if (isRecord(value))
    for (const v of Object.values(value)) if (typeof v === 'object') allNodes(v, out);
  return out;
}

/** Hoverfly's partial JSON match: the expected value is contained in the document or any node of it. */
export function jsonPartial(expected: unknown, actual: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return jsonEqual(expected, actual);
  return allNodes(actual).some((node) => contains(expected, node));
}

function expectedJson(value: unknown): { value: unknown } | undefined {
  return typeof value === 'string' ? parseJson(value) : { value };
}

function jsonPathSelect(expression: string, document: unknown): unknown[] {
  try {
    const result: unknown = JSONPath({ path: expression, json: document as object, wrap: true });
    return Array.isArray(result) ? result : [];
  } catch {
    return [];
  }
}

const parser = new DOMParser({ onError: () => undefined });

function parseXml(s: string): XmlNode | undefined {
  if (s.trim() === '') return undefined;
  try {
    const doc = parser.parseFromString(s, 'text/xml');
    return doc.documentElement ? (doc as unknown as XmlNode) : undefined;
  } catch {
    return undefined;
  }
}

/** A whitespace-insensitive canonical form of an XML document, for equality. */
function canonicalXml(node: XmlNode): string {
  if (node.nodeType === 3 || node.nodeType === 4) return (node.nodeValue ?? '').trim();
  if (node.nodeType === 7 || node.nodeType === 8) return '';
  let out = '';
  if (node.nodeType === 1) {
    const el = node as unknown as {
      nodeName: string;
      attributes: { length: number; item(i: number): { name: string; value: string } | null };
    };
    const attrs: string[] = [];
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes.item(i);
      if (a) attrs.push(`${a.name}=${JSON.stringify(a.value)}`);
    }
    out += `<${el.nodeName} ${attrs.sort().join(' ')}>`;
  }
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) {
    const child = children.item(i);
    if (child) out += canonicalXml(child);
  }
  if (node.nodeType === 1) out += `</${node.nodeName}>`;
  return out;
}

function xpathSelect(expression: string, s: string): string | undefined {
  const doc = parseXml(s);
  if (!doc) return undefined;
  try {
    const result = xpath.select(expression, doc as never);
    if (Array.isArray(result)) {
      if (result.length === 0) return undefined;
      const first = result[0] as unknown as {
        textContent?: string | null;
        nodeValue?: string | null;
      };
      return first.textContent ?? first.nodeValue ?? '';
    }
    if (typeof result === 'boolean') return result ? 'true' : undefined;
    if (typeof result === 'number') return Number.isNaN(result) ? undefined : String(result);
    return typeof result === 'string' && result !== '' ? result : undefined;
  } catch {
    return undefined;
  }
}

const IGNORE_TEXT = /^\s*\{\{\s*ignore\s*\}\}\s*$/;
const REGEX_TEXT = /^\s*\{\{\s*regex:(.*)\}\}\s*$/s;

interface XmlElement {
  nodeName: string;
  childNodes: { length: number; item(i: number): XmlNode | null };
}

function childElements(node: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes.item(i);
    if (child?.nodeType === 1) out.push(child as unknown as XmlElement);
  }
  return out;
}

/** The text right after the opening tag, up to the first child that is not text (etree's `Text()`). */
function leadingText(node: XmlElement): string {
  let out = '';
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes.item(i);
    if (!child || (child.nodeType !== 3 && child.nodeType !== 4)) break;
    out += child.nodeValue ?? '';
  }
  return out;
}

function templatedValue(expected: string, actual: string): boolean {
  if (IGNORE_TEXT.test(expected)) return true;
  const regex = REGEX_TEXT.exec(expected);
  if (regex) return goRegex(regex[1]!)?.test(actual) ?? false;
  return expected === actual;
}

/**
 * Hoverfly's `xmltemplated` tree match: same tag names; a leaf's text is `{{ ignore }}` (any),
 * `{{ regex:RE }}` (an unanchored search) or exact (whitespace counts); every expected child
 * matches a distinct actual child in any order, and no actual child is left over. Attributes are
 * not compared.
 */
function xmlTemplatedTree(expected: XmlElement, actual: XmlElement): boolean {
  if (expected.nodeName !== actual.nodeName) return false;
  const wanted = childElements(expected);
  if (wanted.length === 0) return templatedValue(leadingText(expected), leadingText(actual));
  const left = childElements(actual);
  for (const child of wanted) {
    const at = left.findIndex((candidate) => xmlTemplatedTree(child, candidate));
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return left.length === 0;
}

function rootElement(s: string): XmlElement | undefined {
  const doc = parseXml(s) as unknown as { documentElement?: XmlElement | null } | undefined;
  return doc?.documentElement ?? undefined;
}

function base64UrlJson(part: string): unknown {
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/** `Bearer xxx.yyy.zzz` or `xxx.yyy.zzz` → `{header, payload}`, undefined when not a JWT. */
export function decodeJwt(token: string): { header?: unknown; payload?: unknown } | undefined {
  const raw = token.replace(/^Bearer\s+/i, '').trim();
  const parts = raw.split('.');
  if (parts.length !== 3) return undefined;
  const out: { header?: unknown; payload?: unknown } = {};
  const header = base64UrlJson(parts[0]!);
  const payload = base64UrlJson(parts[1]!);
  if (header !== undefined) out.header = header;
  if (payload !== undefined) out.payload = payload;
  return out;
}

/** `a=1&b=2&b=3` → {a: ['1'], b: ['2', '3']} (+ as space). */
export function parseForm(body: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const list = out[name] ?? [];
    list.push(eq < 0 ? '' : decode(pair.slice(eq + 1)));
    out[name] = list;
  }
  return out;
}

function configFlag(config: Record<string, unknown> | undefined, name: string): boolean {
  if (!config) return false;
  for (const [k, v] of Object.entries(config)) if (k.toLowerCase() === name) return v === true;
  return false;
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function arrayTest(expected: string[], config: Record<string, unknown> | undefined): Test {
  const ignoreUnknown = configFlag(config, 'ignoreunknown');
  const ignoreOrder = configFlag(config, 'ignoreorder');
  const ignoreOccurrences = configFlag(config, 'ignoreoccurrences');
  const known = new Set(expected);
  const counts = new Map<string, number>();
  for (const v of expected) counts.set(v, (counts.get(v) ?? 0) + 1);
  return (toMatch) => {
    const actual = toMatch.split(';');
    if (!ignoreUnknown && !actual.every((v) => known.has(v))) return undefined;
    if (!ignoreOccurrences) {
      const seen = new Map<string, number>();
      for (const v of actual) seen.set(v, (seen.get(v) ?? 0) + 1);
      for (const [v, n] of counts) if (seen.get(v) !== n) return undefined;
    } else if (!expected.every((v) => actual.includes(v))) return undefined;
    if (!ignoreOrder) {
      // The expected values appear in the same relative order.
      let i = 0;
      for (const v of actual) if (i < expected.length && v === expected[i]) i++;
      if (i !== expected.length) return undefined;
    }
    return toMatch;
  };
}

/** Form matchers: every named field's values (joined with `;`) pass that field's matchers. */
export function formTest(fields: Record<string, HoverflyMatcher[]>): Test {
  const compiled = Object.entries(fields).map(
    ([name, list]) => [name, list.map(compileMatcher)] as const,
  );
  return (body) => {
    const form = parseForm(body);
    for (const [name, list] of compiled) {
      const values = form[name];
      if (!values) return undefined;
      const joined = values.join(';');
      if (!list.every((m) => m.test(joined) !== undefined)) return undefined;
    }
    return body;
  };
}

function baseTest(m: HoverflyMatcher): Test {
  const value = m.value;
  switch (m.matcher.toLowerCase()) {
    case '':
    case 'exact': {
      const expected = text(value);
      return (s) => (s === expected ? s : undefined);
    }
    case 'negate': {
      const expected = text(value);
      return (s) => (s !== expected ? s : undefined);
    }
    case 'glob': {
      const re = globToRegex(text(value));
      return (s) => (re.test(s) ? s : undefined);
    }
    case 'regex': {
      const re = goRegex(text(value));
      return (s) => (re?.test(s) ? s : undefined);
    }
    case 'json': {
      const expected = expectedJson(value);
      return (s) => {
        const actual = parseJson(s);
        return expected && actual && jsonEqual(expected.value, actual.value) ? s : undefined;
      };
    }
    case 'jsonpartial': {
      const expected = expectedJson(value);
      return (s) => {
        const actual = parseJson(s);
        return expected && actual && jsonPartial(expected.value, actual.value) ? s : undefined;
      };
    }
    case 'jsonpath': {
      const expression = text(value);
      return (s) => {
        const actual = parseJson(s);
        if (!actual) return undefined;
        const found = jsonPathSelect(expression, actual.value);
        if (found.length === 0) return undefined;
        const first = found.length === 1 ? found[0] : found;
        return typeof first === 'string' ? first : (JSON.stringify(first) ?? '');
      };
    }
    case 'xml': {
      const doc = parseXml(text(value));
      const expected = doc ? canonicalXml(doc) : undefined;
      return (s) => {
        const actual = parseXml(s);
        return expected !== undefined && actual && canonicalXml(actual) === expected
          ? s
          : undefined;
      };
    }
    case 'xpath': {
      const expression = text(value);
      return (s) => xpathSelect(expression, s);
    }
    case 'xmltemplated': {
      const expected = rootElement(text(value));
      return (s) => {
        const actual = rootElement(s);
        return expected && actual && xmlTemplatedTree(expected, actual) ? s : undefined;
      };
    }
    case 'form':
      return isRecord(value)
        ? formTest(value as Record<string, HoverflyMatcher[]>)
        : () => undefined;
    case 'array': {
      const expected = stringArray(value);
      return expected ? arrayTest(expected, m.config) : () => undefined;
    }
    case 'containsexactly': {
      const expected = stringArray(value);
      return expected ? arrayTest(expected, undefined) : () => undefined;
    }
    case 'contains': {
      const expected = stringArray(value);
      return (s) => {
        const actual = s.split(';');
        return expected?.every((v) => actual.includes(v)) ? s : undefined;
      };
    }
    case 'containsonly': {
      const expected = stringArray(value);
      return (s) => (expected && s.split(';').every((v) => expected.includes(v)) ? s : undefined);
    }
    case 'jwt': {
      const expected = expectedJson(value);
      return (s) => {
        const decoded = decodeJwt(s);
        return expected && decoded && jsonPartial(expected.value, decoded) ? s : undefined;
      };
    }
    default:
      return () => undefined;
  }
}

/** Matcher names this engine evaluates (others never match and are reported at compile time). */
export const SUPPORTED_MATCHERS: ReadonlySet<string> = new Set([
  'exact',
  'negate',
  'glob',
  'regex',
  'json',
  'jsonpartial',
  'jsonpath',
  'xml',
  'xpath',
  'xmltemplated',
  'form',
  'array',
  'containsexactly',
  'contains',
  'containsonly',
  'jwt',
]);

/**
 * Compiles one matcher (and its `doMatch` chain).
 *
 * @example
 * compileMatcher({ matcher: 'jsonpath', value: '$.user.id', doMatch: { matcher: 'exact', value: '1' } })
 *   .test('{"user":{"id":1}}') // → '1'
 */
export function compileMatcher(m: HoverflyMatcher): CompiledMatcher {
  const name = m.matcher.toLowerCase();
  const base = baseTest(m);
  const next = m.doMatch ? compileMatcher(m.doMatch) : undefined;
  const shown = typeof m.value === 'string' ? `'${m.value}'` : (JSON.stringify(m.value) ?? '');
  return {
    name,
    score: name === 'exact' || name === '' || name === 'containsexactly' ? 2 : 1,
    describe: `${name} ${shown}${next ? ` then ${next.describe}` : ''}`,
    test: next
      ? (s) => {
          const out = base(s);
          return out === undefined ? undefined : next.test(out);
        }
      : base,
  };
}
