/**
 * A small, logic-less template language for mock responses: `{{request.path.id}}`,
 * `{{randomInt 1 10}}`, `{{now format='epoch'}}`. Templates are data: they are parsed once into
 * segments and rendered by looking values up and calling helpers from a fixed table — nothing
 * in a template is ever evaluated as code. The language is generic over its context so other
 * engines (e.g. Hoverfly's) can reuse the parser and renderer with their own helpers.
 */

/** An argument of a helper: a literal, or a path looked up in the context (`request.body`). */
export type TemplateArg =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'path'; path: string[] };

/** One `{{ ... }}`: either a helper call or a path lookup (then `helper` is undefined). */
export interface TemplateExpression {
  /** Helper name, or undefined for a lookup of `path`. */
  helper?: string;
  /** The looked-up path for a lookup (`['request', 'query', 'page']`). */
  path?: string[];
  args: TemplateArg[];
  hash: Record<string, TemplateArg>;
  /** The expression's text between the braces, for messages. */
  source: string;
}

export type TemplateSegment = string | TemplateExpression;

/** A parsed template: text and expressions in order. */
export interface CompiledTemplate {
  segments: TemplateSegment[];
  /** True when the text holds no expression (render returns it unchanged). */
  isStatic: boolean;
}

export interface HelperDefinition<C> {
  minArgs?: number;
  maxArgs?: number;
  /** The `key=value` options it accepts. */
  hash?: readonly string[];
  /** Computes the value; failures return undefined (rendered as ''), never throw. */
  fn(args: unknown[], hash: Record<string, unknown>, context: C): unknown;
}

/** What a template may use: its helpers, the roots of lookups, and how lookups resolve. */
export interface TemplateLanguage<C> {
  helpers: Readonly<Record<string, HelperDefinition<C>>>;
  /** Checks a lookup path at parse time: a message when it can never resolve. */
  checkPath(path: readonly string[]): string | undefined;
  resolve(path: readonly string[], context: C): unknown;
}

/** A problem in a template's text, at a character offset. */
export interface TemplateIssue {
  offset: number;
  message: string;
}
