/**
 * Applies one Pact matching rule to one value. JSON values follow JSON types; values that come
 * from text (headers, query parameters, paths, XML) are strings, so numeric and boolean rules
 * parse them (`textual`).
 */
import type { MatchingRule, RuleList } from '../../model/pact.js';
import { detectBytesContentType, parseMediaType } from './content-type.js';
import { DEFAULT_FORMATS, validateDateTime } from './date-format.js';

export interface ValueMatchOptions {
  /** Values came from text (header, query, path, XML): numeric rules parse strings. */
  textual?: boolean;
}

function jsonText(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

/** `'Fred'`, `1`, `null` — how mismatch messages quote a value. */
export function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : jsonText(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Structural equality of JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]));
}

const regexCache = new Map<string, RegExp | string>();

/**
 * Compiles a Pact (Java/Rust flavoured) regex for a whole-value match. Leading inline flags
 * like `(?i)` become JS flags; unsupported syntax yields an error message.
 */
export function compilePactRegex(source: string): RegExp | string {
  const cached = regexCache.get(source);
  if (cached !== undefined) return cached;
  let body = source;
  let flags = '';
  const inline = /^\(\?([imsx]+)\)/.exec(body);
  if (inline) {
    body = body.slice(inline[0].length);
    for (const f of inline[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  // Java/onig anchors that JS spells differently.
  body = body.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  let result: RegExp | string;
  try {
    result = new RegExp(`^(?:${body})$`, `${flags}u`);
  } catch {
    try {
      result = new RegExp(`^(?:${body})$`, flags);
    } catch (error) {
      result = `'${source}' is not a valid regular expression: ${(error as Error).message}`;
    }
  }
  regexCache.set(source, result);
  return result;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : jsonText(value);
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function sameType(expected: unknown, actual: unknown): string | undefined {
  if (typeName(expected) === typeName(actual)) return undefined;
  return `Expected ${show(actual)} (${typeName(actual)}) to be the same type as ${show(expected)} (${typeName(expected)})`;
}

function lengthOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  return undefined;
}

function num(rule: MatchingRule, key: 'min' | 'max'): number | undefined {
  const v = (rule as Record<string, unknown>)[key];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

function sizeCheck(actual: unknown, min: number | undefined, max: number | undefined) {
  const length = lengthOf(actual);
  if (length === undefined) return undefined;
  if (min !== undefined && length < min) {
    return `Expected ${show(actual)} to have at least ${min} item(s)`;
  }
  if (max !== undefined && length > max) {
    return `Expected ${show(actual)} to have at most ${max} item(s)`;
  }
  return undefined;
}

function decodeBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Matches raw content (bytes or text) against a declared content type by sniffing it. */
export function matchContentType(actual: unknown, expectedType: string): string | undefined {
  let detected: string;
  if (actual instanceof Uint8Array) detected = detectBytesContentType(actual);
  else if (typeof actual === 'string') {
    const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(actual) ? decodeBase64(actual) : undefined;
    detected = detectBytesContentType(bytes ?? new TextEncoder().encode(actual));
  } else detected = 'application/json';
  const want = parseMediaType(expectedType);
  const got = parseMediaType(detected);
  if (want && got && want.type === got.type && want.subtype === got.subtype) return undefined;
  if (want && got && want.type === 'text' && got.type === 'text') return undefined;
  if (want?.subtype.endsWith('+json') && got?.subtype === 'json') return undefined;
  if (want?.subtype.endsWith('+xml') && got?.subtype === 'xml') return undefined;
  return `Expected content with type '${expectedType}' but it looks like '${detected}'`;
}

function isNumericText(text: string, kind: 'integer' | 'decimal' | 'number'): boolean {
  if (kind === 'integer') return /^-?\d+$/.test(text);
  if (kind === 'decimal') return /^-?\d*\.\d+(?:[eE][+-]?\d+)?$/.test(text);
  return /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text);
}

/**
 * Applies one rule. Returns undefined when `actual` satisfies it, else the mismatch message.
 *
 * @example
 * matchValue('Fred', 'Mary', { match: 'regex', regex: '\\w+' }) // → undefined
 * matchValue(1, 'x', { match: 'type' })  // → "Expected 'x' (string) to be the same type as 1 (number)"
 */
export function matchValue(
  expected: unknown,
  actual: unknown,
  rule: MatchingRule,
  options: ValueMatchOptions = {},
): string | undefined {
  const r = rule as Record<string, unknown>;
  switch (rule.match) {
    case 'values':
      // On a map `values` is structural (see json-body.ts); on anything else it is equality.
      if (typeof actual === 'object' && actual !== null) return undefined;
      return jsonEqual(expected, actual)
        ? undefined
        : `Expected ${show(actual)} to be equal to ${show(expected)}`;
    case 'equality':
      return jsonEqual(expected, actual)
        ? undefined
        : `Expected ${show(actual)} to be equal to ${show(expected)}`;
    case 'regex': {
      const re = compilePactRegex(String(r.regex ?? ''));
      if (typeof re === 'string') return re;
      if (actual !== null && typeof actual === 'object') return undefined;
      return re.test(asText(actual))
        ? undefined
        : `Expected ${show(actual)} to match '${String(r.regex)}'`;
    }
    case 'type':
    case 'min':
    case 'max':
    case 'minmax':
      return sameType(expected, actual) ?? sizeCheck(actual, num(rule, 'min'), num(rule, 'max'));
    case 'include': {
      const value = String(r.value ?? '');
      return asText(actual).includes(value)
        ? undefined
        : `Expected ${show(actual)} to include '${value}'`;
    }
    case 'integer':
    case 'decimal':
    case 'number': {
      const kind = rule.match;
      if (typeof actual === 'number') {
        const ok =
          kind === 'number' ||
          (kind === 'integer' ? Number.isInteger(actual) : !Number.isInteger(actual));
        if (ok) return undefined;
      } else if (options.textual && typeof actual === 'string' && isNumericText(actual, kind)) {
        return undefined;
      }
      const article = kind === 'integer' ? 'an integer' : kind === 'decimal' ? 'a decimal' : 'a';
      return `Expected ${show(actual)} to be ${article} number`;
    }
    case 'boolean':
      return typeof actual === 'boolean' || actual === 'true' || actual === 'false'
        ? undefined
        : `Expected ${show(actual)} to be a boolean`;
    case 'null':
      return actual === null ? undefined : `Expected ${show(actual)} to be null`;
    case 'notEmpty': {
      const empty =
        actual === null ||
        actual === undefined ||
        actual === '' ||
        (Array.isArray(actual) && actual.length === 0) ||
        (typeof actual === 'object' && !Array.isArray(actual) && Object.keys(actual).length === 0);
      return empty ? `Expected ${show(actual)} to not be empty` : undefined;
    }
    case 'semver':
      return typeof actual === 'string' && SEMVER.test(actual)
        ? undefined
        : `Expected ${show(actual)} to be a semantic version`;
    case 'date':
    case 'time':
    case 'timestamp':
    case 'datetime': {
      const kind = rule.match === 'timestamp' ? 'datetime' : rule.match;
      const format =
        typeof r.format === 'string'
          ? r.format
          : typeof r[rule.match] === 'string'
            ? (r[rule.match] as string)
            : DEFAULT_FORMATS[kind];
      if (typeof actual !== 'string') {
        return `Expected ${show(actual)} to be a ${kind} string in the format '${format}'`;
      }
      const problem = validateDateTime(actual, format);
      return problem === undefined
        ? undefined
        : `Expected ${show(actual)} to match the ${kind} format '${format}': ${problem}`;
    }
    case 'contentType':
      return matchContentType(actual, String(r.value ?? ''));
    case 'eachKey':
    case 'eachValue':
    case 'arrayContains':
      // Structural rules: the body matchers apply them to the children.
      return undefined;
    case 'statusCode':
      return undefined;
    default:
      return `Unsupported matching rule '${rule.match}'`;
  }
}

/**
 * Applies a rule list: with `AND` every rule must pass (all failures are returned), with `OR`
 * one passing rule is enough.
 */
export function matchRuleList(
  expected: unknown,
  actual: unknown,
  list: RuleList,
  options: ValueMatchOptions = {},
): string[] {
  const failures: string[] = [];
  for (const rule of list.matchers) {
    const failure = matchValue(expected, actual, rule, options);
    if (failure === undefined) {
      if (list.combine === 'OR') return [];
    } else failures.push(failure);
  }
  return failures;
}
