import type { SchemaCompiler, SchemaIssue } from '../matching/json-schema.js';
import type { JsonSchema } from '../model/index.js';

export type Validator = (value: unknown) => SchemaIssue[];

/** A validator compiled on its first call, or earlier by `warm()` (engine warm-up). */
export interface LazyValidator extends Validator {
  warm(): void;
}

const NO_ISSUES = (): SchemaIssue[] => [];

/**
 * A validator for `schema`, compiled by ajv the first time it is called or warmed, not now:
 * compiling every operation up front is what made big contracts slow to start.
 */
export function lazyValidator(
  compiler: SchemaCompiler,
  schema: JsonSchema | undefined,
): LazyValidator | undefined {
  if (schema === undefined) return undefined;
  let compiled: Validator | undefined;
  const ensure = (): Validator => {
    if (compiled !== undefined) return compiled;
    try {
      const validate = compiler.compile(schema);
      // A schema ajv cannot compile (the loader reported it) is not checked: its `schema` issue
      // would otherwise reject every request.
      compiled = (value) => {
        const issues = validate(value);
        return issues.length === 0 ? issues : issues.filter((i) => i.keyword !== 'schema');
      };
    } catch {
      compiled = NO_ISSUES;
    }
    return compiled;
  };
  const check = ((value: unknown) => (compiled ?? ensure())(value)) as LazyValidator;
  check.warm = () => {
    ensure();
  };
  return check;
}
