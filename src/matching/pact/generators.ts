/**
 * Pact generators, for stubs and provider-state injection: replace example values with fresh
 * ones (`RandomInt`, `Uuid`, `DateTime`...) or with values from the provider state
 * (`ProviderState`) and the mock server's URL (`MockServerURL`). Randomness and time are
 * injected so that output is deterministic under test.
 */
import type {
  Generator,
  Generators,
  PactBody,
  PactHttpRequest,
  PactHttpResponse,
  PactMessageContents,
} from '../../model/pact.js';
import { sampleRegex } from './regex-sample.js';
import { parseRulePath, pathWeight } from './rule-path.js';

export interface GeneratorContext {
  /** Uniform numbers in [0, 1): use {@link seededRandom} for repeatable output. */
  random: () => number;
  /** The current time. */
  now: () => Date;
  /** Provider-state parameters for `ProviderState` generators. */
  providerState?: Record<string, unknown>;
  /** Base URL of the running mock server for `MockServerURL` generators. */
  mockServerUrl?: string;
}

export type GeneratedValue = { value: unknown } | { error: string };

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function numberOption(g: Generator, key: string, fallback: number): number {
  const v = g[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function pad(n: number, width: number): string {
  return String(Math.abs(n)).padStart(width, '0');
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Formats a date (in UTC) with a Java `DateTimeFormatter` pattern; the common letters only
 * (y u M d H h m s S a E X x Z z and quoted literals).
 *
 * @example
 * formatDateTime(new Date('2024-03-05T14:07:09.120Z'), "yyyy-MM-dd'T'HH:mm:ss") // → '2024-03-05T14:07:09'
 */
export function formatDateTime(date: Date, pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (c === '[' || c === ']') {
      i++;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    const hours = date.getUTCHours();
    switch (c) {
      case 'y':
      case 'u':
      case 'Y':
        out += n === 2 ? pad(date.getUTCFullYear() % 100, 2) : pad(date.getUTCFullYear(), n);
        break;
      case 'M':
      case 'L': {
        const m = date.getUTCMonth();
        out += n >= 4 ? MONTH_NAMES[m] : n === 3 ? MONTH_NAMES[m]!.slice(0, 3) : pad(m + 1, n);
        break;
      }
      case 'd':
        out += pad(date.getUTCDate(), n);
        break;
      case 'H':
        out += pad(hours, n);
        break;
      case 'h':
        out += pad(hours % 12 === 0 ? 12 : hours % 12, n);
        break;
      case 'm':
        out += pad(date.getUTCMinutes(), n);
        break;
      case 's':
        out += pad(date.getUTCSeconds(), n);
        break;
      case 'S':
        out += pad(date.getUTCMilliseconds(), 3).padEnd(n, '0').slice(0, n);
        break;
      case 'a':
        out += hours < 12 ? 'AM' : 'PM';
        break;
      case 'E': {
        const day = DAY_NAMES[date.getUTCDay()]!;
        out += n >= 4 ? day : day.slice(0, 3);
        break;
      }
      case 'X':
        out += 'Z';
        break;
      case 'x':
        out += n >= 3 ? '+00:00' : '+0000';
        break;
      case 'Z':
        out += '+0000';
        break;
      case 'z':
        out += 'UTC';
        break;
      default:
        out += c.repeat(n);
    }
  }
  return out;
}

function uuid(random: () => number, format: unknown): string {
  const hex = Array.from({ length: 32 }, () => int(random, 0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((int(random, 0, 15) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  const hyphenated = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  switch (format) {
    case 'simple':
      return h;
    case 'upper-case-hyphenated':
      return hyphenated.toUpperCase();
    case 'URN':
      return `urn:uuid:${hyphenated}`;
    default:
      return hyphenated;
  }
}

const PLACEHOLDER = /\$\{([^}]+)\}/g;

function lookup(params: Record<string, unknown>, name: string): unknown {
  let value: unknown = params;
  for (const part of name.trim().split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function providerState(g: Generator, context: GeneratorContext): GeneratedValue {
  const expression = typeof g.expression === 'string' ? g.expression : '';
  const params = context.providerState ?? {};
  const whole = /^\$\{([^}]+)\}$/.exec(expression);
  // Without a value (missing or null) the generator does not run and the example stays, as
  // pact-stub-server does: a stub never answers null where the pact shows a value.
  if (whole) {
    const value = lookup(params, whole[1]!);
    if (value === undefined || value === null)
      return { error: `the provider state has no value for '${whole[1]}'` };
    return converted(value, g.dataType, whole[1]!);
  }
  let missing: string | undefined;
  const text = expression.replace(PLACEHOLDER, (_, name: string) => {
    const value = lookup(params, name);
    if (value === undefined || value === null) missing ??= name;
    return value === undefined || value === null ? '' : String(value);
  });
  if (missing !== undefined) return { error: `the provider state has no value for '${missing}'` };
  return converted(text, g.dataType, expression);
}

/** `convert`, refusing a number that does not parse (JSON would write it as null). */
function converted(value: unknown, dataType: unknown, name: string): GeneratedValue {
  const out = convert(value, dataType);
  if (typeof out === 'number' && !Number.isFinite(out))
    return { error: `the provider state value for '${name}' is not a ${String(dataType)}` };
  return { value: out };
}

function convert(value: unknown, dataType: unknown): unknown {
  switch (dataType) {
    case 'STRING':
      return String(value);
    case 'INTEGER':
      return Number.parseInt(String(value), 10);
    case 'DECIMAL':
    case 'FLOAT':
      return Number.parseFloat(String(value));
    case 'BOOLEAN':
      return String(value) === 'true';
    default:
      return value;
  }
}

function mockServerUrl(g: Generator, context: GeneratorContext): GeneratedValue {
  if (context.mockServerUrl === undefined) return { error: 'no mock server URL is known' };
  const example = typeof g.example === 'string' ? g.example : '';
  const regex = typeof g.regex === 'string' ? g.regex : '';
  const base = context.mockServerUrl.replace(/\/$/, '');
  try {
    const m = new RegExp(regex).exec(example);
    if (m?.[1] !== undefined) return { value: `${base}${m[1]}` };
  } catch {
    return { error: `'${regex}' is not a valid regular expression` };
  }
  return { value: base };
}

/**
 * Produces one generated value.
 *
 * @example
 * generateValue({ type: 'RandomInt', min: 1, max: 6 }, { random: seededRandom(7), now: () => new Date(0) })
 * // → { value: <an integer from 1 to 6, always the same for seed 7> }
 */
export function generateValue(g: Generator, context: GeneratorContext): GeneratedValue {
  const { random } = context;
  switch (g.type) {
    case 'RandomInt':
      return { value: int(random, numberOption(g, 'min', 0), numberOption(g, 'max', 2147483647)) };
    case 'RandomDecimal': {
      const digits = Math.max(2, numberOption(g, 'digits', 10));
      let text = String(int(random, 1, 9));
      for (let k = 1; k < digits - 1; k++) text += String(int(random, 0, 9));
      // A last digit of 0 would make e.g. 123.40 collapse to 123.4, or 1230.0 to an integer.
      text += String(int(random, 1, 9));
      const point = int(random, 1, digits - 1);
      return { value: Number(`${text.slice(0, point)}.${text.slice(point)}`) };
    }
    case 'RandomHexadecimal': {
      const digits = numberOption(g, 'digits', 10);
      return {
        value: Array.from({ length: digits }, () => int(random, 0, 15).toString(16)).join(''),
      };
    }
    case 'RandomString': {
      const size = numberOption(g, 'size', 20);
      return {
        value: Array.from(
          { length: size },
          () => ALPHANUMERIC[int(random, 0, ALPHANUMERIC.length - 1)],
        ).join(''),
      };
    }
    case 'RandomBoolean':
      return { value: random() < 0.5 };
    case 'Regex':
      return typeof g.regex === 'string'
        ? { value: sampleRegex(g.regex, random) }
        : { error: 'a Regex generator needs a `regex`' };
    case 'Uuid':
      return { value: uuid(random, g.format) };
    case 'Date':
    case 'Time':
    case 'DateTime': {
      const fallback =
        g.type === 'Date' ? 'yyyy-MM-dd' : g.type === 'Time' ? 'HH:mm:ss' : "yyyy-MM-dd'T'HH:mm:ss";
      const format = typeof g.format === 'string' ? g.format : fallback;
      return { value: formatDateTime(context.now(), format) };
    }
    case 'ProviderState':
      return providerState(g, context);
    case 'MockServerURL':
      return mockServerUrl(g, context);
    default:
      return { error: `unknown generator type '${g.type}'` };
  }
}

export interface GeneratorResult<T> {
  value: T;
  /** Generators that could not run, as "where: why". */
  problems: string[];
}

function setInJson(
  node: unknown,
  location: string[],
  generators: Array<[ReturnType<typeof parseRulePath>, Generator, string]>,
  context: GeneratorContext,
  problems: string[],
): unknown {
  for (const [tokens, g, expression] of generators) {
    if (tokens && tokens.length === location.length && pathWeight(tokens, location) > 0) {
      const result = generateValue(g, context);
      if ('value' in result) return result.value;
      problems.push(`${expression}: ${result.error}`);
    }
  }
  if (Array.isArray(node)) {
    return node.map((item, i) =>
      setInJson(item, [...location, String(i)], generators, context, problems),
    );
  }
  if (typeof node === 'object' && node !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = setInJson(value, [...location, key], generators, context, problems);
    }
    return out;
  }
  return node;
}

function applyToBody(
  body: PactBody | undefined,
  generators: Record<string, Generator> | undefined,
  context: GeneratorContext,
  problems: string[],
): PactBody | undefined {
  if (!body || !generators || Object.keys(generators).length === 0) return body;
  const compiled = Object.entries(generators).map(
    ([expression, g]) =>
      [parseRulePath(expression), g, expression] as [
        ReturnType<typeof parseRulePath>,
        Generator,
        string,
      ],
  );
  return { ...body, content: setInJson(body.content, ['$'], compiled, context, problems) };
}

function applyToMap(
  map: Record<string, string[]> | undefined,
  generators: Record<string, Generator> | undefined,
  context: GeneratorContext,
  problems: string[],
  category: string,
): Record<string, string[]> | undefined {
  if (!generators) return map;
  const out = { ...(map ?? {}) };
  for (const [name, g] of Object.entries(generators)) {
    const result = generateValue(g, context);
    if ('error' in result) {
      problems.push(`${category} ${name}: ${result.error}`);
      continue;
    }
    const existing = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase());
    out[category === 'header' && existing ? existing : name] = [String(result.value)];
  }
  return out;
}

type Part = PactHttpRequest | PactHttpResponse | PactMessageContents;

/**
 * Applies generators to a request, response or message (a copy is returned): bodies by rule
 * path, headers and query parameters by name, the path and status under `$`, message metadata
 * by key.
 *
 * @example
 * applyGenerators({ status: 200, body: { content: { id: 0 } } },
 *                 { body: { '$.id': { type: 'RandomInt', min: 1, max: 9 } } },
 *                 { random: seededRandom(1), now: () => new Date(0) })
 * // → { value: { status: 200, body: { content: { id: <1..9> } } }, problems: [] }
 */
export function applyGenerators<T extends Part>(
  part: T,
  generators: Generators | undefined,
  context: GeneratorContext,
): GeneratorResult<T> {
  const problems: string[] = [];
  if (!generators) return { value: part, problems };
  const value = { ...part } as T &
    Partial<PactHttpRequest & PactHttpResponse & PactMessageContents>;
  if ('contents' in part || 'metadata' in part) {
    const msg = value as PactMessageContents;
    const contents = applyToBody(
      msg.contents,
      generators.content ?? generators.body,
      context,
      problems,
    );
    if (contents) msg.contents = contents;
    for (const [key, g] of Object.entries(generators.metadata ?? {})) {
      const result = generateValue(g, context);
      if ('value' in result) msg.metadata = { ...msg.metadata, [key]: result.value };
      else problems.push(`metadata ${key}: ${result.error}`);
    }
    return { value, problems };
  }
  const body = applyToBody(value.body, generators.body, context, problems);
  if (body) value.body = body;
  const headers = applyToMap(value.headers, generators.header, context, problems, 'header');
  if (headers) value.headers = headers;
  if ('method' in value) {
    const query = applyToMap(value.query, generators.query, context, problems, 'query');
    if (query) value.query = query;
    const pathGen = generators.path?.$;
    if (pathGen) {
      const result = generateValue(pathGen, context);
      if ('value' in result) value.path = String(result.value);
      else problems.push(`path: ${result.error}`);
    }
  }
  if ('status' in value) {
    const statusGen = generators.status?.$;
    if (statusGen) {
      const result = generateValue(statusGen, context);
      if ('value' in result && Number.isInteger(Number(result.value)))
        value.status = Number(result.value);
      else problems.push(`status: ${'error' in result ? result.error : 'not an integer'}`);
    }
  }
  return { value, problems };
}
