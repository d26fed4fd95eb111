import type { SourceLocation } from '../model/index.js';

/**
 * The first scan indexes values down to this depth; a deeper pointer triggers a scan of just the
 * subtree under its nearest indexed ancestor, so memory stays bounded on multi-megabyte pacts.
 */
const TOP_LEVEL_DEPTH = 6;

export interface JsonPosition {
  line: number;
  column: number;
  /** Offset of the value's first character, and of the start of its line. */
  offset: number;
  lineStart: number;
}

interface Frame {
  array: boolean;
  /** Pointer of the container itself. */
  pointer: string;
  /** Next array index, or the last key read in an object. */
  index: number;
  key: string;
  /** In an object: true after a key's colon, when the next token starts its value. */
  expectValue: boolean;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Indexes the start of every JSON value (down to a fixed depth) in one pass over the text:
 * JSON pointer → 1-based line and column. Locating a position this way costs one scan of the
 * file however many positions are asked for, where re-reading JSON with a YAML parser took
 * seconds on a pact of a few megabytes.
 */
export function indexJsonPositions(
  text: string,
  from: { pointer: string; position: JsonPosition } | undefined = undefined,
  maxDepth = TOP_LEVEL_DEPTH,
): Map<string, JsonPosition> {
  const out = new Map<string, JsonPosition>();
  const stack: Frame[] = [];
  let line = from?.position.line ?? 1;
  let lineStart = from?.position.lineStart ?? 0;
  const base = from?.pointer ?? '';

  const valueStarts = (i: number): string | undefined => {
    const top = stack[stack.length - 1];
    let path: string;
    if (!top) path = base;
    else if (top.array) path = `${top.pointer}/${top.index}`;
    else if (top.expectValue) path = `${top.pointer}/${escapeToken(top.key)}`;
    else return undefined;
    if (stack.length <= maxDepth)
      out.set(path, { line, column: i - lineStart + 1, offset: i, lineStart });
    return path;
  };

  for (let i = from?.position.offset ?? 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    const top = stack[stack.length - 1];
    if (c === 34) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (top && !top.array && !top.expectValue) {
        // An object key: JSON.parse already accepted the text, so decoding it cannot fail.
        top.key = JSON.parse(text.slice(i, j + 1)) as string;
      } else {
        valueStarts(i);
        if (top && !top.array) top.expectValue = false;
      }
      i = j;
      if (from && stack.length === 0) break;
      continue;
    }
    if (c === 58) {
      if (top) top.expectValue = true;
      continue;
    }
    if (c === 44) {
      if (top?.array) top.index++;
      continue;
    }
    if (c === 123 || c === 91) {
      const path = valueStarts(i) ?? '';
      if (top && !top.array) top.expectValue = false;
      stack.push({ array: c === 91, pointer: path, index: 0, key: '', expectValue: false });
      continue;
    }
    if (c === 125 || c === 93) {
      stack.pop();
      // A subtree scan ends with the value it started on.
      if (from && stack.length === 0) break;
      continue;
    }
    // A number, true, false or null: record its start, then skip the rest of the literal.
    valueStarts(i);
    if (top && !top.array) top.expectValue = false;
    while (i + 1 < text.length && /[^\s,\]}]/.test(text.charAt(i + 1))) i++;
    if (from && stack.length === 0) break;
  }
  return out;
}

/**
 * A locator over a JSON text: one scan indexes the top levels; deeper pointers scan only the
 * subtree under their nearest indexed ancestor (cached).
 */
export function createJsonLocator(file: string, text: string): (pointer: string) => SourceLocation {
  let top: Map<string, JsonPosition> | undefined;
  const subtrees = new Map<string, Map<string, JsonPosition>>();
  return (pointer) => {
    top ??= indexJsonPositions(text);
    let at = pointer;
    for (;;) {
      const found = top.get(at);
      if (found) {
        let position = found;
        if (at !== pointer) {
          let subtree = subtrees.get(at);
          if (!subtree) {
            subtree = indexJsonPositions(
              text,
              { pointer: at, position: found },
              Number.POSITIVE_INFINITY,
            );
            subtrees.set(at, subtree);
          }
          position = nearest(subtree, pointer) ?? found;
        }
        return { file, line: position.line, column: position.column, pointer };
      }
      if (at === '') return { file, pointer };
      at = at.slice(0, at.lastIndexOf('/'));
    }
  };
}

function nearest(index: Map<string, JsonPosition>, pointer: string): JsonPosition | undefined {
  let at = pointer;
  for (;;) {
    const found = index.get(at);
    if (found || at === '') return found;
    at = at.slice(0, at.lastIndexOf('/'));
  }
}
