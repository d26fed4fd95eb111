import type { SourceLocation } from '../model/index.js';

/** Where a value starts: its offset in the text (line and column come from the line table). */
type Offsets = Map<string, number>;

/** Index of the closing quote of the string whose opening quote is at `i`. */
function stringEnd(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  while (j > 0) {
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return text.length;
}

/** Brackets and quotes: all a scan needs to see while it skips a nested value. */
const STRUCTURE = /["{}[\]]/g;

/** Offset of the last character of the object or array opening at `i`. */
function containerEnd(text: string, i: number): number {
  let depth = 0;
  STRUCTURE.lastIndex = i;
  for (let m = STRUCTURE.exec(text); m !== null; m = STRUCTURE.exec(text)) {
    const c = text.charCodeAt(m.index);
    if (c === 34) STRUCTURE.lastIndex = stringEnd(text, m.index) + 1;
    else if (c === 123 || c === 91) depth++;
    else if (--depth === 0) return m.index;
  }
  return text.length;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/**
 * Where each direct child of the object or array opening at `offset` begins: decoded key (or
 * array index) → offset. Nested values are skipped bracket to bracket (a native regex search),
 * not indexed, so a pointer costs one quick pass over each container on its way.
 */
function indexChildren(text: string, offset: number): Offsets {
  const out: Offsets = new Map();
  const array = text.charCodeAt(offset) === 91;
  let index = 0;
  let i = offset + 1;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    let c = text.charCodeAt(i);
    if (c === 125 || c === 93 || i >= text.length) return out;
    let key = String(index++);
    if (!array) {
      // An object key: JSON.parse already accepted the text, so decoding it cannot fail.
      const end = stringEnd(text, i);
      const raw = text.slice(i + 1, end);
      key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      i = text.indexOf(':', end) + 1;
      while (isSpace(text.charCodeAt(i))) i++;
      c = text.charCodeAt(i);
    }
    // A repeated key keeps its last value, as JSON.parse does.
    out.set(key, i);
    if (c === 34) i = stringEnd(text, i) + 1;
    else if (c === 123 || c === 91) i = containerEnd(text, i) + 1;
    else while (i < text.length && !/[\s,\]}]/.test(text.charAt(i))) i++;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 44) i++;
  }
}

/** Offsets at which each line starts (line 1 at index 0). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of `offset`, by binary search in the line table. */
function lineAndColumn(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/**
 * A locator over a JSON text: JSON pointer → 1-based line and column of the value (or of its
 * nearest existing parent). Nothing is scanned until a position is asked for; then only the
 * containers on the pointer's way are indexed, each once (cached), one level at a time. Loading a
 * contract asks for a position per operation, so this is on the path to `gauntlet mock`'s ready.
 *
 * @example
 * const locate = createJsonLocator('api.json', text);
 * locate('/paths/~1pets/get'); // { file: 'api.json', line: 12, column: 14, pointer: '/paths/~1pets/get' }
 */
export function createJsonLocator(file: string, text: string): (pointer: string) => SourceLocation {
  let lines: number[] | undefined;
  const containers = new Map<string, Offsets>();
  return (pointer) => {
    let offset = 0;
    while (offset < text.length && isSpace(text.charCodeAt(offset))) offset++;
    let at = '';
    if (pointer !== '') {
      for (const token of pointer.slice(1).split('/')) {
        const c = text.charCodeAt(offset);
        if (c !== 123 && c !== 91) break;
        let children = containers.get(at);
        if (children === undefined) {
          children = indexChildren(text, offset);
          containers.set(at, children);
        }
        const next = children.get(unescapeToken(token));
        if (next === undefined) break;
        offset = next;
        at = `${at}/${token}`;
      }
    }
    lines ??= lineStarts(text);
    return { file, ...lineAndColumn(lines, offset), pointer };
  };
}
