/**
 * Strings derived from a JSON Schema `pattern`, for the coverage phase: for each character class
 * of the pattern, a value that uses only one kind of its characters (letters only, digits only,
 * each punctuation character), at the shortest and the longest the pattern allows, and the
 * pattern's literal prefix. Only the common subset of regular expressions is read (anchors,
 * literals, escapes, `[...]` classes with ranges, `.`, and the quantifiers `? * + {m} {m,n}
 * {m,}`); for anything else (groups, alternation, negated classes) no value is derived and the
 * caller falls back to random generation.
 */

interface Atom {
  /** The characters the atom accepts, grouped by kind (lower-case letters, digits, each other). */
  kinds: string[][];
  min: number;
  /** Undefined: unbounded. */
  max: number | undefined;
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';

function rangeChars(from: string, to: string): string[] {
  const out: string[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0) && out.length < 128; c++) {
    out.push(String.fromCharCode(c));
  }
  return out;
}

/** Groups characters into kinds: lower-case letters, upper-case letters, digits, then one kind per other character. */
function groupKinds(chars: string[]): string[][] {
  const unique = [...new Set(chars)];
  const lower = unique.filter((c) => LOWER.includes(c));
  const upper = unique.filter((c) => UPPER.includes(c));
  const digits = unique.filter((c) => DIGITS.includes(c));
  const others = unique.filter(
    (c) => !lower.includes(c) && !upper.includes(c) && !digits.includes(c),
  );
  return [lower, upper, digits, ...others.slice(0, 6).map((c) => [c])].filter((k) => k.length > 0);
}

function escapeChars(letter: string): string[] | undefined {
  switch (letter) {
    case 'd':
      return [...DIGITS];
    case 'w':
      return [...LOWER, ...UPPER, ...DIGITS, '_'];
    case 's':
      return [' '];
    case 'D':
    case 'W':
    case 'S':
    case 'b':
    case 'B':
      return undefined;
    default:
      return [letter];
  }
}

/** Parses `[...]` starting after the `[`; returns the characters and the index after `]`. */
function parseClass(pattern: string, start: number): { chars: string[]; next: number } | undefined {
  if (pattern[start] === '^') return undefined;
  const chars: string[] = [];
  let i = start;
  while (i < pattern.length && pattern[i] !== ']') {
    let c = pattern[i] as string;
    if (c === '\\') {
      const escaped = escapeChars(pattern[i + 1] ?? '');
      if (!escaped) return undefined;
      i += 2;
      if (escaped.length > 1) {
        chars.push(...escaped);
        continue;
      }
      c = escaped[0] as string;
    } else {
      i++;
    }
    if (pattern[i] === '-' && pattern[i + 1] !== undefined && pattern[i + 1] !== ']') {
      let to = pattern[i + 1] as string;
      i += 2;
      if (to === '\\') {
        to = pattern[i] ?? '';
        i++;
      }
      chars.push(...rangeChars(c, to));
    } else {
      chars.push(c);
    }
  }
  if (pattern[i] !== ']' || chars.length === 0) return undefined;
  return { chars, next: i + 1 };
}

/** Reads a quantifier at `i`; returns bounds and the index after it. */
function parseQuantifier(
  pattern: string,
  i: number,
): { min: number; max: number | undefined; next: number } {
  const c = pattern[i];
  if (c === '?') return { min: 0, max: 1, next: i + 1 };
  if (c === '*') return { min: 0, max: undefined, next: i + 1 };
  if (c === '+') return { min: 1, max: undefined, next: i + 1 };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
      return { min, max, next: i + m[0].length };
    }
  }
  return { min: 1, max: 1, next: i };
}

/** The atoms of an anchored pattern, or undefined when it uses what this reader does not know. */
function parsePattern(pattern: string): Atom[] | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) {
    return undefined;
  }
  const body = pattern.slice(1, -1);
  const atoms: Atom[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    let chars: string[] | undefined;
    if (c === '[') {
      const parsed = parseClass(body, i + 1);
      if (!parsed) return undefined;
      chars = parsed.chars;
      i = parsed.next;
    } else if (c === '\\') {
      chars = escapeChars(body[i + 1] ?? '');
      i += 2;
    } else if (c === '.') {
      chars = [...LOWER, ...DIGITS];
      i++;
    } else if ('()|^$?*+{}'.includes(c)) {
      return undefined;
    } else {
      chars = [c];
      i++;
    }
    if (!chars) return undefined;
    const q = parseQuantifier(body, i);
    i = q.next;
    atoms.push({ kinds: groupKinds(chars), min: q.min, max: q.max });
  }
  return atoms;
}

function repeat(kind: string[], count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += kind[i % kind.length];
  return out;
}

export interface PatternValue {
  label: string;
  value: string;
}

/**
 * Values that match `pattern`, each labelled with what it covers; `longest` bounds unbounded
 * repetitions (and the whole value, e.g. from `maxLength`). Empty when the pattern is not read.
 *
 * @example
 * patternValues('^[a-z0-9-]{1,32}$', 64).map((v) => v.value);
 * // ['a', 'abcdefghijklmnopqrstuvwxyzabcdef', '0', '01234567890123456789012345678901', '-', '---…']
 */
export function patternValues(pattern: string, longest: number): PatternValue[] {
  const atoms = parsePattern(pattern);
  if (!atoms || atoms.length === 0) return [];
  const fixedMin = atoms.reduce((n, a) => n + a.min, 0);
  const countFor = (atom: Atom, wantLongest: boolean): number => {
    if (!wantLongest) return atom.min;
    const room = Math.max(atom.min, longest - (fixedMin - atom.min));
    return atom.max === undefined ? room : Math.min(atom.max, room);
  };
  const build = (pick: (atom: Atom, index: number) => { kind: string[]; count: number }): string =>
    atoms
      .map((atom, index) => {
        const { kind, count } = pick(atom, index);
        return repeat(kind, count);
      })
      .join('');
  const out: PatternValue[] = [];
  const push = (label: string, value: string): void => {
    if (value.length > 0 && !out.some((v) => v.value === value)) out.push({ label, value });
  };
  const first = (atom: Atom): string[] => atom.kinds[0] ?? [];
  for (const [index, atom] of atoms.entries()) {
    if (atom.kinds.length < 2 && !(atom.max === undefined || atom.max > atom.min)) continue;
    for (const kind of atom.kinds) {
      const name =
        kind.length > 1
          ? kind[0] === '0'
            ? 'digits only'
            : kind[0] === 'A'
              ? 'upper-case letters only'
              : 'letters only'
          : `'${kind[0]}' only`;
      for (const wantLongest of [false, true]) {
        const value = build((a, i) =>
          i === index
            ? { kind, count: Math.max(countFor(a, wantLongest), 1) }
            : { kind: first(a), count: a.min },
        );
        push(`pattern ${pattern}: ${name}, ${wantLongest ? 'longest' : 'shortest'}`, value);
      }
    }
  }
  push(
    `pattern ${pattern}: the shortest`,
    build((a) => ({ kind: first(a), count: a.min })),
  );
  push(
    `pattern ${pattern}: the longest`,
    build((a) => ({ kind: first(a), count: countFor(a, true) })),
  );
  return out;
}

/**
 * Strings that break `pattern` in one way each: a character outside the first class, one
 * character too many. Empty when the pattern is not read.
 */
export function patternViolations(pattern: string, longest: number): PatternValue[] {
  const atoms = parsePattern(pattern);
  if (!atoms || atoms.length === 0) return [];
  const shortest = atoms.map((a) => repeat(a.kinds[0] ?? [], a.min)).join('');
  const out: PatternValue[] = [];
  const outsider = ['~', 'Z', '!', ' '].find((c) => !atoms.some((a) => a.kinds.flat().includes(c)));
  if (outsider !== undefined) {
    out.push({
      label: `pattern ${pattern}: a character outside it ('${outsider}')`,
      value: `${outsider}${shortest}`,
    });
  }
  const totalMax = atoms.reduce<number | undefined>(
    (n, a) => (n === undefined || a.max === undefined ? undefined : n + a.max),
    0,
  );
  if (totalMax !== undefined && totalMax < longest) {
    // Every atom at its most, and the last one once more.
    const over = atoms.map((a, i) =>
      repeat(a.kinds[0] ?? [], (a.max ?? a.min) + (i === atoms.length - 1 ? 1 : 0)),
    );
    out.push({
      label: `pattern ${pattern}: one character over its ${totalMax}`,
      value: over.join(''),
    });
  }
  return out;
}
