import type { SourceLocation } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { safeDecode } from '../../util/text.js';
import { parseJsonOrYaml } from '../parse.js';
import { normalisePath, resolvePath } from '../types.js';

/** One parsed file taking part in a contract: the root document or a file a `$ref` names. */
export interface OpenApiDocument {
  /** Normalised path, the key of the document cache. */
  file: string;
  value: unknown;
  locate(pointer: string): SourceLocation;
}

/** A value together with where it sits: its document and its (RFC 6901, escaped) JSON pointer. */
export interface Located<T = unknown> {
  value: T;
  doc: OpenApiDocument;
  pointer: string;
}

export type RefResolution = { ok: true; target: Located } | { ok: false; reason: string };

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref);
}

/** Follows an escaped JSON pointer inside `value`. */
export function evaluatePointer(
  value: unknown,
  pointer: string,
): { found: boolean; value?: unknown } {
  if (pointer === '') return { found: true, value };
  if (!pointer.startsWith('/')) return { found: false };
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = unescapeToken(raw);
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return { found: false };
      const index = Number(token);
      if (index >= current.length) return { found: false };
      current = current[index];
    } else if (isRecord(current)) {
      if (!Object.hasOwn(current, token)) return { found: false };
      current = current[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

/**
 * The root document plus every file its `$ref`s reach (transitively). Files are read once, up
 * front (`preload`), so that the conversion that follows is synchronous; a file that fails to
 * read or parse is remembered and reported only where a `$ref` actually needs it.
 */
export class DocumentSet {
  private readonly docs = new Map<string, OpenApiDocument | { error: string }>();

  constructor(
    readonly root: OpenApiDocument,
    private readonly readFile: (path: string) => Promise<string>,
  ) {
    this.docs.set(root.file, root);
  }

  /** Creates a set whose root is `file` (its path is normalised to match `resolvePath`). */
  static create(
    file: string,
    document: { value: unknown; locate(pointer: string): SourceLocation },
    readFile: (path: string) => Promise<string>,
  ): DocumentSet {
    const root: OpenApiDocument = {
      file: normalisePath(file),
      value: document.value,
      locate: (pointer) => ({ ...document.locate(pointer), file }),
    };
    return new DocumentSet(root, readFile);
  }

  /** Reads every external file reachable through `$ref`s, breadth first, in parallel per level. */
  async preload(): Promise<void> {
    let level: OpenApiDocument[] = [this.root];
    while (level.length > 0) {
      const wanted = new Set<string>();
      for (const doc of level) {
        for (const path of externalFiles(doc)) if (!this.docs.has(path)) wanted.add(path);
      }
      const loaded = await Promise.all([...wanted].map((path) => this.load(path)));
      level = loaded.filter((d): d is OpenApiDocument => d !== undefined);
    }
  }

  private async load(path: string): Promise<OpenApiDocument | undefined> {
    let text: string;
    try {
      text = await this.readFile(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.docs.set(path, { error: `the file ${path} could not be read (${reason})` });
      return undefined;
    }
    const parsed = parseJsonOrYaml(path, text);
    if (!parsed.ok) {
      const first = parsed.diagnostics[0]?.message ?? 'syntax error';
      this.docs.set(path, { error: `the file ${path} does not parse: ${first}` });
      return undefined;
    }
    const doc: OpenApiDocument = {
      file: path,
      value: parsed.document.value,
      locate: parsed.document.locate,
    };
    this.docs.set(path, doc);
    return doc;
  }

  /** Resolves `ref` written inside `from`; the target's pointer is escaped and percent-decoded. */
  resolve(ref: string, from: OpenApiDocument): RefResolution {
    if (isRemote(ref)) {
      return { ok: false, reason: 'remote references (URLs) are not fetched' };
    }
    const hash = ref.indexOf('#');
    const filePart = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? safeDecode(ref.slice(hash + 1)) : '';
    let doc: OpenApiDocument;
    if (filePart === '') {
      doc = from;
    } else {
      const path = resolvePath(from.file, safeDecode(filePart));
      const entry = this.docs.get(path);
      if (entry === undefined) return { ok: false, reason: `the file ${path} was not loaded` };
      if ('error' in entry) return { ok: false, reason: entry.error };
      doc = entry;
    }
    if (fragment !== '' && !fragment.startsWith('/')) {
      return {
        ok: false,
        reason: `the fragment "#${fragment}" is not a JSON pointer (anchors are not supported)`,
      };
    }
    const found = evaluatePointer(doc.value, fragment);
    if (!found.found) {
      const where = doc === this.root ? 'this document' : doc.file;
      return { ok: false, reason: `nothing exists at "#${fragment}" in ${where}` };
    }
    return { ok: true, target: { value: found.value, doc, pointer: fragment } };
  }
}

/** The files (resolved paths) that `$ref`s inside `doc` name. */
function externalFiles(doc: OpenApiDocument): Set<string> {
  const out = new Set<string>();
  const seen = new Set<object>();
  const stack: unknown[] = [doc.value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === 'string' && !isRemote(ref)) {
      const filePart = ref.split('#')[0] ?? '';
      if (filePart !== '') out.add(resolvePath(doc.file, safeDecode(filePart)));
    }
    for (const value of Object.values(record)) stack.push(value);
  }
  return out;
}
