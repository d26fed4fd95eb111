/**
 * OpenAPI runtime expressions (`$url`, `$request.body#/callbackUrl`, …), as used by callback
 * URLs and links. Evaluated against plain data gathered while answering a request.
 */
export interface ExpressionContext {
  url: string;
  method: string;
  statusCode: number;
  requestHeader(name: string): string | undefined;
  requestQuery(name: string): string | undefined;
  requestPath(name: string): string | undefined;
  requestBody(): unknown;
  responseHeader(name: string): string | undefined;
  responseBody(): unknown;
}

export type Evaluated = { ok: true; value: string } | { ok: false; reason: string };

/** Resolves a JSON pointer (RFC 6901) in a value; undefined when a token is missing. */
export function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(token)];
    else if (typeof current === 'object' && current !== null)
      current = (current as Record<string, unknown>)[token];
    else return undefined;
  }
  return current;
}

function stringify(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Evaluates one expression (without braces). */
export function evaluateExpression(expression: string, context: ExpressionContext): Evaluated {
  const expr = expression.trim();
  let value: string | undefined;
  if (expr === '$url') value = context.url;
  else if (expr === '$method') value = context.method;
  else if (expr === '$statusCode') value = String(context.statusCode);
  else {
    const match = /^\$(request|response)\.(header|query|path|body)(?:\.(.+)|#(.*))?$/.exec(expr);
    if (!match) return { ok: false, reason: `${expr} is not a runtime expression` };
    const [, side, source, name, pointer] = match;
    if (source === 'body') {
      const body = side === 'request' ? context.requestBody() : context.responseBody();
      value = stringify(pointer === undefined ? body : resolvePointer(body, safePointer(pointer)));
    } else if (name !== undefined) {
      if (side === 'response')
        value = source === 'header' ? context.responseHeader(name.toLowerCase()) : undefined;
      else if (source === 'header') value = context.requestHeader(name.toLowerCase());
      else if (source === 'query') value = context.requestQuery(name);
      else value = context.requestPath(name);
    }
  }
  return value === undefined
    ? { ok: false, reason: `${expr} has no value in this exchange` }
    : { ok: true, value };
}

function safePointer(pointer: string): string {
  try {
    return decodeURIComponent(pointer);
  } catch {
    return pointer;
  }
}

/** Expands a template such as `{$request.body#/url}?id={$response.body#/id}`. */
export function expandTemplate(template: string, context: ExpressionContext): Evaluated {
  const trimmed = template.trim();
  if (trimmed.startsWith('$')) return evaluateExpression(trimmed, context);
  let out = '';
  let last = 0;
  for (const match of trimmed.matchAll(/\{([^{}]+)\}/g)) {
    const evaluated = evaluateExpression(match[1]!, context);
    if (!evaluated.ok) return evaluated;
    out += trimmed.slice(last, match.index) + evaluated.value;
    last = match.index + match[0].length;
  }
  return { ok: true, value: out + trimmed.slice(last) };
}
