/**
 * Pact rule paths (`$.items[*].id`, `$['key with dots']`, `$.a.*`) and how strongly one applies
 * to a concrete location. Pact picks the most specific rule: every exactly matching segment
 * doubles the weight, a wildcard keeps it, a mismatch zeroes it; longer rules win ties.
 * A rule shorter than the location still applies (rules cascade to children).
 */

export type PathToken =
  | { kind: 'root' }
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'star' }
  | { kind: 'starIndex' };

const cache = new Map<string, PathToken[] | undefined>();

/** Parses a rule path; undefined when it is not a valid expression. */
export function parseRulePath(expression: string): PathToken[] | undefined {
  if (cache.has(expression)) return cache.get(expression);
  const tokens = parseUncached(expression);
  if (cache.size > 10_000) cache.clear();
  cache.set(expression, tokens);
  return tokens;
}

function parseUncached(expression: string): PathToken[] | undefined {
  const text = expression.trim();
  const tokens: PathToken[] = [];
  let i = 0;
  if (text.startsWith('$')) {
    tokens.push({ kind: 'root' });
    i = 1;
  } else {
    // Header, query and metadata rules may use a bare name.
    tokens.push({ kind: 'root' });
    tokens.push({ kind: 'field', name: text });
    return tokens;
  }
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      i++;
      if (text[i] === '*') {
        tokens.push({ kind: 'star' });
        i++;
        continue;
      }
      let name = '';
      while (i < text.length && text[i] !== '.' && text[i] !== '[') name += text[i++];
      if (name === '') return undefined;
      tokens.push(/^\d+$/.test(name) ? { kind: 'field', name } : { kind: 'field', name });
    } else if (c === '[') {
      const close = findClose(text, i);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') tokens.push({ kind: 'starIndex' });
      else if (/^\d+$/.test(inner)) tokens.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$/s.test(inner) || /^".*"$/s.test(inner)) {
        tokens.push({ kind: 'field', name: inner.slice(1, -1) });
      } else return undefined;
    } else {
      return undefined;
    }
  }
  return tokens;
}

function findClose(text: string, open: number): number {
  const quote = text[open + 1];
  if (quote === "'" || quote === '"') {
    const end = text.indexOf(quote, open + 2);
    if (end < 0) return -1;
    return text.indexOf(']', end);
  }
  return text.indexOf(']', open);
}

function tokenWeight(token: PathToken, segment: string): number {
  switch (token.kind) {
    case 'root':
      return segment === '$' ? 2 : 0;
    case 'field':
      return token.name === segment ? 2 : 0;
    case 'index':
      return String(token.index) === segment ? 2 : 0;
    case 'starIndex':
      return /^\d+$/.test(segment) ? 1 : 0;
    case 'star':
      return 1;
  }
}

/**
 * Weight of a rule path at a location (`['$', 'animals', '0', 'name']`): 0 when it does not
 * apply, otherwise the product of the per-segment weights.
 */
export function pathWeight(tokens: readonly PathToken[], location: readonly string[]): number {
  if (tokens.length > location.length) return 0;
  let weight = 1;
  for (let i = 0; i < tokens.length; i++) {
    weight *= tokenWeight(tokens[i]!, location[i]!);
    if (weight === 0) return 0;
  }
  return weight;
}

/** `['$', 'a', '0', 'b c']` → `$.a[0]['b c']` for messages. */
export function formatLocation(location: readonly string[]): string {
  let out = '';
  for (const [i, segment] of location.entries()) {
    if (i === 0) out += segment;
    else if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[@#]?[A-Za-z_][\w-]*$/.test(segment) || segment.includes(':')) out += `.${segment}`;
    else out += `['${segment}']`;
  }
  return out;
}
