import type {
  CompiledTemplate,
  TemplateArg,
  TemplateExpression,
  TemplateLanguage,
} from './types.js';

function argValue<C>(arg: TemplateArg, context: C, language: TemplateLanguage<C>): unknown {
  return arg.kind === 'literal' ? arg.value : language.resolve(arg.path, context);
}

/** Evaluates one expression. Helpers that throw (a bug in a helper) yield undefined. */
export function evaluateExpression<C>(
  expression: TemplateExpression,
  context: C,
  language: TemplateLanguage<C>,
): unknown {
  const hash: Record<string, unknown> = {};
  for (const [key, arg] of Object.entries(expression.hash))
    hash[key] = argValue(arg, context, language);
  if (expression.helper === undefined) {
    const value = language.resolve(expression.path ?? [], context);
    return value === undefined || value === null || value === '' ? hash.default : value;
  }
  const helper = language.helpers[expression.helper];
  if (helper === undefined) return undefined;
  const args = expression.args.map((arg) => argValue(arg, context, language));
  try {
    return helper.fn(args, hash, context);
  } catch {
    return undefined;
  }
}

/** Text for a value: strings as they are, numbers and booleans printed, objects as JSON, nothing as ''. */
export function stringifyValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/**
 * Renders a parsed template to text for one context.
 *
 * @example
 * renderTemplate(template, createRequestContext(request, { params }), RESPONSE_TEMPLATES);
 */
export function renderTemplate<C>(
  template: CompiledTemplate,
  context: C,
  language: TemplateLanguage<C>,
): string {
  let out = '';
  for (const segment of template.segments) {
    out +=
      typeof segment === 'string'
        ? segment
        : stringifyValue(evaluateExpression(segment, context, language));
  }
  return out;
}

/**
 * Like {@link renderTemplate}, but a template that is exactly one expression keeps the type of
 * its value (`'{{randomInt 1 6}}'` gives the number 4, not "4") — used for JSON bodies.
 */
export function renderTemplateValue<C>(
  template: CompiledTemplate,
  context: C,
  language: TemplateLanguage<C>,
): unknown {
  const only = template.segments.length === 1 ? template.segments[0] : undefined;
  if (only !== undefined && typeof only !== 'string') {
    const value = evaluateExpression(only, context, language);
    return value === undefined ? null : value;
  }
  return renderTemplate(template, context, language);
}
