import { escapePointerToken } from '../../model/diagnostic.js';
import { parseTemplate } from './parse-template.js';
import { renderTemplateValue } from './render-template.js';
import type { CompiledTemplate, TemplateIssue, TemplateLanguage } from './types.js';

/** A JSON value whose strings may be templates; static subtrees are kept as they are. */
export type JsonTemplate =
  | { kind: 'static'; value: unknown }
  | { kind: 'string'; template: CompiledTemplate }
  | { kind: 'array'; items: JsonTemplate[] }
  | { kind: 'object'; entries: Array<[string, JsonTemplate]> };

/** A template issue with the JSON pointer of the string that holds it. */
export interface JsonTemplateIssue extends TemplateIssue {
  pointer: string;
}

/**
 * Parses every string of a JSON value as a template, once. A string that is exactly one
 * expression keeps its value's type when rendered (`'{{randomInt 1 6}}'` → a number).
 *
 * @example
 * const { template } = compileJsonTemplate({ id: '{{request.path.id}}', n: 1 }, RESPONSE_TEMPLATES);
 */
export function compileJsonTemplate<C>(
  value: unknown,
  language: TemplateLanguage<C>,
  pointer = '',
): { template: JsonTemplate; issues: JsonTemplateIssue[] } {
  const issues: JsonTemplateIssue[] = [];
  const template = build(value, language, pointer, issues);
  return { template, issues };
}

function build<C>(
  value: unknown,
  language: TemplateLanguage<C>,
  pointer: string,
  issues: JsonTemplateIssue[],
): JsonTemplate {
  if (typeof value === 'string') {
    const parsed = parseTemplate(value, language);
    for (const issue of parsed.issues) issues.push({ ...issue, pointer });
    return parsed.template.isStatic
      ? { kind: 'static', value }
      : { kind: 'string', template: parsed.template };
  }
  if (Array.isArray(value)) {
    const items = value.map((item, i) => build(item, language, `${pointer}/${i}`, issues));
    return items.every((t) => t.kind === 'static')
      ? { kind: 'static', value }
      : { kind: 'array', items };
  }
  if (typeof value === 'object' && value !== null) {
    const entries: Array<[string, JsonTemplate]> = Object.entries(value).map(([key, item]) => [
      key,
      build(item, language, `${pointer}/${escapePointerToken(key)}`, issues),
    ]);
    return entries.every(([, t]) => t.kind === 'static')
      ? { kind: 'static', value }
      : { kind: 'object', entries };
  }
  return { kind: 'static', value };
}

/** Renders a JSON template to a plain value for one context. */
export function renderJsonTemplate<C>(
  template: JsonTemplate,
  context: C,
  language: TemplateLanguage<C>,
): unknown {
  switch (template.kind) {
    case 'static':
      return template.value;
    case 'string':
      return renderTemplateValue(template.template, context, language);
    case 'array':
      return template.items.map((item) => renderJsonTemplate(item, context, language));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, item] of template.entries)
        out[key] = renderJsonTemplate(item, context, language);
      return out;
    }
  }
}
