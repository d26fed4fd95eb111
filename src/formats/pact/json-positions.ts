import type { SourceLocation } from '../../model/index.js';
import { stripBom } from '../parse.js';

/**
 * Positions of the elements of top-level arrays (`interactions`, `messages`) in a JSON text, in
 * one pass over the characters. `ParsedDocument.locate` re-reads JSON with the YAML parser, which
 * takes seconds on a pact of a few megabytes; every interaction carries its position, so the pact
 * loader uses this scan instead. Returns undefined for text that is not a JSON object.
 *
 * Positions match `locate`: 1-based line and column of the element's first character, counted
 * after a leading BOM is removed.
 */
export function topLevelArrayPositions(
  file: string,
  rawText: string,
  keys: readonly string[],
): Map<string, SourceLocation[]> | undefined {
  const text = stripBom(rawText);
  const out = new Map<string, SourceLocation[]>();
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  let i = 0;
  while (i < text.length && /\s/.test(text.charAt(i))) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
    i++;
  }
  if (text.charAt(i) !== '{') return undefined;
  let lastString = '';
  let key = '';
  let target: SourceLocation[] | undefined;
  let expectElement = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (target && depth === 2 && expectElement && c !== 44 && c !== 93) {
      const name = key;
      target.push({ file, line, column: i - lineStart + 1, pointer: `/${name}/${target.length}` });
      expectElement = false;
    }
    if (c === 34) {
      // A string: skip to its closing quote, honouring escapes. Keys are only needed at depth 1.
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (depth === 1) lastString = text.slice(i + 1, j);
      i = j;
      continue;
    }
    if (c === 58 && depth === 1) key = lastString;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth === 2 && c === 91 && keys.includes(key)) {
        target = [];
        out.set(key, target);
        expectElement = true;
      }
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth === 1) target = undefined;
    } else if (c === 44 && depth === 2 && target) expectElement = true;
  }
  return out;
}
