/**
 * Body matching: presence first (a missing expected body matches anything; an empty or null
 * expected body wants nothing back), then the content type, then a comparer per type — JSON,
 * XML, form-urlencoded, or plain text / bytes.
 */
import type { PactBody } from '../../model/pact.js';
import {
  isFormContentType,
  isJsonContentType,
  isXmlContentType,
  parseMediaType,
} from './content-type.js';
import { compareJson } from './json-body.js';
import { matchRuleList, show } from './match-value.js';
import { compareMultipart, isMultipartContentType } from './multipart-body.js';
import { compareQueryMaps } from './query.js';
import { type RuleMap, resolveRules } from './rule-context.js';
import type { Mismatch } from './types.js';
import { compareXml } from './xml-body.js';

export interface BodyMatchContext {
  rules: RuleMap;
  allowUnexpectedKeys: boolean;
}

function isEmpty(body: PactBody | undefined): boolean {
  return (
    body === undefined || body.content === null || body.content === '' || body.content === undefined
  );
}

function bodyMismatch(expected: unknown, actual: unknown, message: string): Mismatch {
  return { path: '$', expected, actual, message, kind: 'body' };
}

function decodeBase64Text(text: string): string {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  } catch {
    return text;
  }
}

/** The body as text (decoding base64, serialising parsed JSON). */
export function bodyText(body: PactBody): string {
  const { content } = body;
  if (typeof content === 'string') {
    return typeof body.encoded === 'string' && body.encoded.toLowerCase() === 'base64'
      ? decodeBase64Text(content)
      : content;
  }
  return JSON.stringify(content) ?? '';
}

/** The body as JSON: parsed content, or text parsed as JSON; undefined if it is not JSON. */
function bodyJson(body: PactBody): { value: unknown } | undefined {
  if (typeof body.content !== 'string' || isJsonContentType(body.contentType)) {
    if (typeof body.content !== 'string' || body.encoded === undefined || body.encoded === false) {
      return { value: body.content };
    }
  }
  try {
    return { value: JSON.parse(bodyText(body)) };
  } catch {
    return undefined;
  }
}

function sameMediaType(a: string, b: string): boolean {
  const ma = parseMediaType(a);
  const mb = parseMediaType(b);
  if (!ma || !mb) return a.trim().toLowerCase() === b.trim().toLowerCase();
  if (ma.type === mb.type && ma.subtype === mb.subtype) return true;
  // `application/hal+json` and `application/json` are both JSON to a matcher.
  return (
    (isJsonContentType(a) && isJsonContentType(b)) || (isXmlContentType(a) && isXmlContentType(b))
  );
}

/**
 * Compares an expected body with an actual one and returns every mismatch.
 *
 * @example
 * matchBody({ content: { id: 1 }, contentType: 'application/json' },
 *           { content: { id: 2 }, contentType: 'application/json' },
 *           { rules: { '$.id': { combine: 'AND', matchers: [{ match: 'integer' }] } }, allowUnexpectedKeys: true })
 * // → []
 */
export function matchBody(
  expected: PactBody | undefined,
  actual: PactBody | undefined,
  context: BodyMatchContext,
): Mismatch[] {
  if (expected === undefined) return [];
  if (isEmpty(expected)) {
    if (!isEmpty(actual)) {
      return [
        bodyMismatch(
          expected.content,
          actual?.content,
          `Expected an empty body but received ${show(actual?.content)}`,
        ),
      ];
    }
    return [];
  }
  if (actual === undefined || isEmpty(actual)) {
    const state = actual === undefined ? 'missing' : 'empty';
    return [
      bodyMismatch(
        expected.content,
        actual?.content,
        `Expected body ${show(expected.content)} but it was ${state}`,
      ),
    ];
  }
  const expectedType = expected.contentType;
  const actualType = actual.contentType;
  if (expectedType && actualType && !sameMediaType(expectedType, actualType)) {
    return [
      bodyMismatch(
        expected.content,
        actual.content,
        `Expected a body of type '${expectedType}' but received one of type '${actualType}'`,
      ),
    ];
  }
  const type = expectedType ?? actualType;
  if (isJsonContentType(type) || (type === undefined && typeof expected.content !== 'string')) {
    const e = bodyJson(expected);
    const a = bodyJson(actual);
    if (!e || !a) {
      return [
        bodyMismatch(
          expected.content,
          actual.content,
          `Failed to parse the ${e ? 'actual' : 'expected'} body as JSON`,
        ),
      ];
    }
    return compareJson(e.value, a.value, { ...context, kind: 'body' });
  }
  if (isXmlContentType(type)) {
    return compareXml(bodyText(expected), bodyText(actual), context);
  }
  if (isMultipartContentType(type)) {
    return compareMultipart(
      expectedType,
      bodyText(expected),
      actualType,
      bodyText(actual),
      context.rules,
    );
  }
  if (isFormContentType(type)) {
    return compareQueryMaps(
      parseForm(bodyText(expected)),
      parseForm(bodyText(actual)),
      context.rules,
      'body',
      true,
    );
  }
  return matchText(bodyText(expected), bodyText(actual), context.rules);
}

function parseForm(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const values = out[name] ?? [];
    values.push(eq < 0 ? '' : decode(pair.slice(eq + 1)));
    out[name] = values;
  }
  return out;
}

function matchText(expected: string, actual: string, rules: RuleMap): Mismatch[] {
  const list = resolveRules(rules, ['$'])?.list ?? {
    combine: 'AND' as const,
    matchers: [{ match: 'equality' }],
  };
  return matchRuleList(expected, actual, list, { textual: true }).map((message) =>
    bodyMismatch(expected, actual, message),
  );
}
