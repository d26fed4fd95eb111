import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Diagnostic, SourceLocation } from '../model/index.js';
import { createJsonLocator } from './json-locator.js';

/** A parsed JSON/YAML document that can tell where a JSON pointer sits in the text. */
export interface ParsedDocument {
  value: unknown;
  /** Line/column of the node at `pointer` (or of its nearest existing parent). Computed lazily. */
  locate(pointer: string): SourceLocation;
}

export type ParseResult =
  | { ok: true; document: ParsedDocument }
  | { ok: false; diagnostics: Diagnostic[] };

/** Strips a leading UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

/**
 * Parses JSON (fast path, `JSON.parse`) or YAML 1.2. Positions are computed only when asked
 * for, by re-reading the text with the YAML parser, so large pact files pay nothing for them.
 */
export function parseJsonOrYaml(file: string, rawText: string): ParseResult {
  const text = stripBom(rawText);
  if (looksLikeJson(text)) {
    try {
      const value: unknown = JSON.parse(text);
      return { ok: true, document: lazyLocator(file, text, value) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        diagnostics: [
          {
            code: 'GAUNTLET_E_SPEC_PARSE',
            severity: 'error',
            message: `Failed to parse ${file} as JSON: ${message}. Fix the syntax at the position shown.`,
            location: { file, ...jsonErrorPosition(text, message) },
          },
        ],
      };
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((e) => {
        const pos = e.pos[0] === undefined ? undefined : lineCounter.linePos(e.pos[0]);
        return {
          code: 'GAUNTLET_E_SPEC_PARSE',
          severity: 'error' as const,
          message: `Failed to parse ${file} as YAML: ${e.message.split('\n')[0]}. Fix the syntax at the position shown.`,
          location: { file, ...(pos ? { line: pos.line, column: pos.col } : {}) },
        };
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    return {
      ok: false,
      diagnostics: [
        {
          code: 'GAUNTLET_E_SPEC_PARSE',
          severity: 'error',
          message: `Failed to read ${file} as YAML: ${error instanceof Error ? error.message : String(error)}.`,
          location: { file },
        },
      ],
    };
  }
  return {
    ok: true,
    document: {
      value,
      locate: (pointer) => locateInYaml(file, doc.contents, lineCounter, pointer),
    },
  };
}

function lazyLocator(file: string, text: string, value: unknown): ParsedDocument {
  return { value, locate: createJsonLocator(file, text) };
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function locateInYaml(
  file: string,
  root: Node | null,
  lineCounter: LineCounter,
  pointer: string,
): SourceLocation {
  const tokens = pointer === '' ? [] : pointer.split('/').slice(1).map(unescapeToken);
  let node: unknown = root;
  for (const token of tokens) {
    let next: unknown;
    if (isMap(node)) {
      next = node.items.find(
        (pair) => isScalar(pair.key) && String(pair.key.value) === token,
      )?.value;
    } else if (isSeq(node)) {
      next = node.items[Number(token)];
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return { file, pointer };
  const pos = lineCounter.linePos(range[0]);
  return { file, line: pos.line, column: pos.col, pointer };
}

/** Finds `line`/`column` from V8's JSON error ("... at position 123" or "(line 4 column 2)"). */
function jsonErrorPosition(text: string, message: string): { line?: number; column?: number } {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const position = /position (\d+)/.exec(message);
  if (!position) return {};
  const offset = Number(position[1]);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
