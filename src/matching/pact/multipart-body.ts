/**
 * `multipart/form-data` bodies as Pact compares them: part by part, by name, never byte for byte
 * (the boundary is chosen by the client and differs on every request). A part's rules live at
 * `$.<name>` (a `contentType` rule checks the part's declared type); without a rule a part's
 * content must be equal, and a file part's declared content type too. Parts the pact does not
 * name are allowed.
 */
import { parseMediaType } from './content-type.js';
import { matchContentType, matchRuleList } from './match-value.js';
import { type RuleMap, resolveRules } from './rule-context.js';
import type { Mismatch } from './types.js';

export interface MultipartPart {
  name: string;
  filename?: string;
  /** The part's own Content-Type header, if it has one. */
  contentType?: string;
  content: string;
}

/** True for `multipart/form-data` (and the other `multipart/*` types). */
export function isMultipartContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && parseMediaType(contentType)?.type === 'multipart';
}

function boundaryOf(contentType: string | undefined, text: string): string | undefined {
  const declared = contentType ? parseMediaType(contentType)?.parameters.boundary : undefined;
  if (declared) return declared;
  // A pact may lose the parameter: the first line of the body names the boundary too.
  const first = /^--([^\r\n]+)\r?\n/.exec(text);
  return first?.[1]?.trim();
}

function headerParam(header: string, name: string): string | undefined {
  const match =
    new RegExp(`(?:^|;)\\s*${name}="([^"]*)"`, 'i').exec(header) ??
    new RegExp(`(?:^|;)\\s*${name}=([^;]*)`, 'i').exec(header);
  return match?.[1]?.trim();
}

/** Splits a multipart body into its parts; undefined when it has no boundary. */
export function parseMultipart(
  contentType: string | undefined,
  text: string,
): MultipartPart[] | undefined {
  const boundary = boundaryOf(contentType, text);
  if (!boundary) return undefined;
  const parts: MultipartPart[] = [];
  const chunks = text.split(`--${boundary}`);
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const body = chunk.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(body);
    const head = split ? body.slice(0, split.index) : body;
    const content = split ? body.slice(split.index + split[0].length).replace(/\r?\n$/, '') : '';
    const headers = new Map<string, string>();
    for (const line of head.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0)
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    const part: MultipartPart = { name: headerParam(disposition, 'name') ?? '', content };
    const filename = headerParam(disposition, 'filename');
    if (filename !== undefined) part.filename = filename;
    const type = headers.get('content-type');
    if (type !== undefined) part.contentType = type;
    parts.push(part);
  }
  return parts;
}

function mismatch(path: string, expected: unknown, actual: unknown, message: string): Mismatch {
  return { path, expected, actual, message, kind: 'body' };
}

function sameEssence(a: string | undefined, b: string | undefined): boolean {
  const ma = a === undefined ? undefined : parseMediaType(a);
  const mb = b === undefined ? undefined : parseMediaType(b);
  if (!ma || !mb) return (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
  return ma.type === mb.type && ma.subtype === mb.subtype;
}

/**
 * Compares two multipart bodies part by part.
 *
 * @example
 * compareMultipart('multipart/form-data; boundary=A', '--A\r\nContent-Disposition: form-data; name="t"\r\n\r\nx\r\n--A--',
 *                  'multipart/form-data; boundary=B', '--B\r\nContent-Disposition: form-data; name="t"\r\n\r\nx\r\n--B--', {})
 * // → []
 */
export function compareMultipart(
  expectedType: string | undefined,
  expectedText: string,
  actualType: string | undefined,
  actualText: string,
  rules: RuleMap,
): Mismatch[] {
  const expected = parseMultipart(expectedType, expectedText);
  const actual = parseMultipart(actualType, actualText);
  if (!expected)
    return [mismatch('$', expectedText, actualText, 'Expected a multipart body with a boundary')];
  if (!actual) {
    return [
      mismatch(
        '$',
        expectedText,
        actualText,
        'Expected a multipart body, but the request has no parts',
      ),
    ];
  }
  const out: Mismatch[] = [];
  for (const part of expected) {
    const path = `$.${part.name}`;
    const got = actual.find((p) => p.name === part.name);
    if (!got) {
      out.push(
        mismatch(
          path,
          part.content,
          undefined,
          `Expected a part named '${part.name}' but there was none`,
        ),
      );
      continue;
    }
    const list = resolveRules(rules, ['$', part.name])?.list;
    if (list) {
      for (const rule of list.matchers) {
        const failure =
          rule.match === 'contentType'
            ? got.contentType !== undefined
              ? sameEssence(String(rule.value ?? ''), got.contentType)
                ? undefined
                : `Expected part '${part.name}' of type '${String(rule.value ?? '')}' but it is '${got.contentType}'`
              : matchContentType(got.content, String(rule.value ?? ''))
            : matchRuleList(
                part.content,
                got.content,
                { combine: 'AND', matchers: [rule] },
                { textual: true },
              )[0];
        if (failure !== undefined) out.push(mismatch(path, part.content, got.content, failure));
        else if (list.combine === 'OR') break;
      }
      continue;
    }
    if (
      part.filename !== undefined &&
      part.contentType !== undefined &&
      !sameEssence(part.contentType, got.contentType)
    ) {
      out.push(
        mismatch(
          path,
          part.contentType,
          got.contentType,
          `Expected part '${part.name}' of type '${part.contentType}' but it is '${got.contentType ?? '(none)'}'`,
        ),
      );
      continue;
    }
    if (part.content !== got.content) {
      out.push(
        mismatch(
          path,
          part.content,
          got.content,
          `Expected part '${part.name}' to be '${part.content}' but it was '${got.content}'`,
        ),
      );
    }
  }
  return out;
}
