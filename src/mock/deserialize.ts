import type { ParameterStyle } from '../model/index.js';
import type { Shape } from '../schema/coerce.js';
import { safeDecode } from '../util/text.js';

/** Query-string decoding: `+` is a space, then percent-decoding. */
function decodeQueryComponent(text: string): string {
  return safeDecode(text.includes('+') ? text.replace(/\+/g, ' ') : text);
}

/** Parses a raw query string into decoded name/value pairs, in order. */
export function parseQuery(query: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (query === '') return out;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) out.push([decodeQueryComponent(part), '']);
    else
      out.push([decodeQueryComponent(part.slice(0, eq)), decodeQueryComponent(part.slice(eq + 1))]);
  }
  return out;
}

/** Parses a `Cookie` header into name/value pairs. */
export function parseCookies(header: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    out.push([part.slice(0, eq).trim(), safeDecode(part.slice(eq + 1).trim())]);
  }
  return out;
}

function pairsToObject(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < items.length; i += 2) out[items[i]!] = items[i + 1]!;
  return out;
}

function keyValueList(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq >= 0) out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/**
 * Reads a path parameter (one raw, still percent-encoded segment or part of one) according to
 * its style: simple `a,b`, label `.a.b`, matrix `;x=a;x=b`.
 */
export function deserializePath(
  name: string,
  raw: string,
  style: ParameterStyle,
  explode: boolean,
  shape: Shape,
): unknown {
  let text = raw;
  let separator = ',';
  if (style === 'label') {
    if (!text.startsWith('.')) return safeDecode(text);
    text = text.slice(1);
    if (explode) separator = '.';
  } else if (style === 'matrix') {
    const prefix = `;${name}=`;
    if (shape !== 'object' || !explode) {
      if (shape === 'array' && explode) {
        return text
          .split(';')
          .filter((p) => p.startsWith(`${name}=`))
          .map((p) => safeDecode(p.slice(name.length + 1)));
      }
      if (!text.startsWith(prefix)) return safeDecode(text);
      text = text.slice(prefix.length);
    } else {
      text = text.startsWith(';') ? text.slice(1) : text;
      separator = ';';
    }
  }
  if (shape === 'primitive') return safeDecode(text);
  const items = text.split(separator).map(safeDecode);
  if (shape === 'array') return items;
  return explode ? keyValueList(items) : pairsToObject(items);
}

/**
 * Reads a query parameter from the decoded pairs. Returns undefined when absent.
 * `otherNames` are the operation's other query parameters, kept out of an exploded object.
 */
export function deserializeQuery(
  name: string,
  pairs: ReadonlyArray<[string, string]>,
  style: ParameterStyle,
  explode: boolean,
  shape: Shape,
  propertyNames: readonly string[],
  otherNames: ReadonlySet<string>,
): unknown {
  if (style === 'deepObject') {
    const prefix = `${name}[`;
    let found = false;
    const out: Record<string, unknown> = {};
    for (const [key, value] of pairs) {
      if (!key.startsWith(prefix)) continue;
      found = true;
      const path = key
        .slice(name.length)
        .split(/[[\]]+/)
        .filter((p) => p !== '');
      let target = out;
      path.forEach((segment, i) => {
        if (i === path.length - 1) target[segment] = value;
        else {
          const next = target[segment];
          if (typeof next === 'object' && next !== null) target = next as Record<string, unknown>;
          else {
            const created: Record<string, unknown> = {};
            target[segment] = created;
            target = created;
          }
        }
      });
    }
    return found ? out : undefined;
  }
  if (shape === 'object' && explode && style === 'form') {
    const wanted = new Set(propertyNames);
    const out: Record<string, string> = {};
    let found = false;
    for (const [key, value] of pairs) {
      if (wanted.size > 0 ? wanted.has(key) : !otherNames.has(key)) {
        out[key] = value;
        found = true;
      }
    }
    return found ? out : undefined;
  }
  const values: string[] = [];
  for (const [key, value] of pairs) if (key === name) values.push(value);
  if (values.length === 0) return undefined;
  if (shape === 'primitive') return values[0];
  if (shape === 'array') {
    if (explode) return values;
    const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
    return values.flatMap((v) => v.split(separator));
  }
  return pairsToObject(values[0]!.split(','));
}

/** Reads a header (simple style) or cookie (form style) value. */
export function deserializeSimple(value: string, explode: boolean, shape: Shape): unknown {
  if (shape === 'primitive') return value;
  const items = value.split(',').map((s) => s.trim());
  if (shape === 'array') return items;
  return explode ? keyValueList(items) : pairsToObject(items);
}
