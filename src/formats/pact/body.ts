/**
 * Pact bodies into the model's `{content, contentType?, encoded?}` (the V4 shape): V1–V3 bodies
 * are the raw value typed by the Content-Type header (else detected); V4 bodies say their own
 * content type and encoding. `null` and `''` are present (empty) bodies; only a missing key means
 * "not specified".
 */

import { detectTextContentType, isJsonContentType } from '../../matching/pact/content-type.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { PactBody } from '../../model/pact.js';
import { isRecord } from '../../util/guards.js';
import { child, type PactVersionFamily, problem } from './normalise-support.js';

/** Content parsed as JSON when the content type says JSON, else left as it is. */
function contentFor(content: unknown, contentType: string | undefined): unknown {
  if (typeof content === 'string' && content !== '' && isJsonContentType(contentType)) {
    try {
      return JSON.parse(content);
    } catch {
      // Pact keeps an unparseable "JSON" string as a JSON string value.
      return content;
    }
  }
  return content;
}

/**
 * V1–V3 bodies are the raw value; the content type is the Content-Type header, else detected.
 * `null` and `''` are present bodies (empty), only a missing key means "not specified".
 */
function legacyBody(
  raw: unknown,
  headerContentType: string | undefined,
  detectNonText = true,
): PactBody {
  let contentType = headerContentType;
  if (contentType === undefined) {
    if (typeof raw === 'string') {
      if (raw !== '') contentType = detectTextContentType(raw);
    } else if (raw !== null && detectNonText) {
      contentType = 'application/json';
    }
  }
  const body: PactBody = { content: contentFor(raw, contentType) };
  if (contentType !== undefined) body.contentType = contentType;
  return body;
}

function v4Body(
  raw: unknown,
  at: string,
  headerContentType: string | undefined,
  diagnostics: Diagnostic[],
): PactBody {
  if (!isRecord(raw) || !('content' in raw)) return legacyBody(raw, headerContentType);
  let contentType: string | undefined;
  if (typeof raw.contentType === 'string' && raw.contentType !== '') contentType = raw.contentType;
  else if (raw.contentType !== undefined && raw.contentType !== null) {
    problem(diagnostics, child(at, 'contentType'), 'the body content type', 'it is not a string');
  }
  contentType ??= headerContentType;
  const encoded = raw.encoded;
  let content = raw.content;
  const body: PactBody = { content };
  if (typeof encoded === 'string' && encoded !== '') {
    if (encoded.toLowerCase() === 'json' && typeof content === 'string') {
      try {
        content = JSON.parse(content);
      } catch {
        problem(
          diagnostics,
          child(at, 'content'),
          'the body',
          'it says encoded "json" but is not JSON',
        );
      }
      body.content = content;
    } else {
      body.encoded = encoded;
    }
  } else {
    if (contentType === undefined) {
      if (typeof content === 'string') {
        if (content !== '') contentType = detectTextContentType(content);
      } else if (content !== null && content !== undefined) {
        contentType = 'application/json';
      }
    }
    // Not encoded: `content` is the body as a JSON value. A string under a JSON content type is
    // a JSON string (pact-stub-server answers it quoted), not JSON text to parse.
    body.content = isJsonContentType(contentType) ? content : contentFor(content, contentType);
    if (encoded === false) body.encoded = false;
  }
  if (contentType !== undefined) body.contentType = contentType;
  return body;
}

/** The body under `owner[key]` (`body`, or a message's `contents`), undefined when not specified. */
export function normaliseBody(
  owner: Record<string, unknown>,
  key: string,
  version: PactVersionFamily,
  at: string,
  headerContentType: string | undefined,
  diagnostics: Diagnostic[],
): PactBody | undefined {
  if (!(key in owner) || owner[key] === undefined) return undefined;
  const raw = owner[key];
  return version >= 4
    ? v4Body(raw, child(at, key), headerContentType, diagnostics)
    : legacyBody(raw, headerContentType);
}
