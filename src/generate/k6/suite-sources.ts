import ts from 'typescript';

/** The source text of a suite's functions, as written (TypeScript kept). */
export interface SuiteSources {
  /** `exec` function name → its source as an expression. */
  exec: Record<string, string>;
  setup?: string;
}

function propertyName(name: ts.PropertyName, file: ts.SourceFile): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
    return name.text;
  return name.getText(file);
}

/** A property's value as an expression: `key: expr` gives expr; `async key(ctx) {...}` a function. */
function functionText(
  property: ts.ObjectLiteralElementLike,
  file: ts.SourceFile,
): string | undefined {
  if (ts.isPropertyAssignment(property)) return property.initializer.getText(file);
  if (ts.isMethodDeclaration(property) && property.body) {
    const isAsync = property.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
    const params = property.parameters.map((p) => p.getText(file)).join(', ');
    const type = property.type ? `: ${property.type.getText(file)}` : '';
    return `${isAsync ? 'async ' : ''}function (${params})${type} ${property.body.getText(file)}`;
  }
  return undefined;
}

/**
 * Finds the functions of a suite in its source: the object literal passed to `defineLoad(...)`
 * (or default-exported), its `exec` functions and `setup`. The k6 export carries these over as
 * written; a runtime `fn.toString()` would give transpiled text with the transpiler's helpers.
 *
 * @example
 * suiteSources("export default defineLoad({ exec: { default: async (ctx) => { await ctx.http.get('/'); } } })");
 * // { exec: { default: "async (ctx) => { await ctx.http.get('/'); }" } }
 */
export function suiteSources(source: string, fileName = 'suite.ts'): SuiteSources {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  let suite: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (suite) return;
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'defineLoad' &&
      node.arguments[0] &&
      ts.isObjectLiteralExpression(node.arguments[0])
    ) {
      suite = node.arguments[0];
      return;
    }
    if (ts.isExportAssignment(node) && ts.isObjectLiteralExpression(node.expression)) {
      suite = node.expression;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const out: SuiteSources = { exec: {} };
  if (!suite) return out;
  for (const property of suite.properties) {
    if (!property.name) continue;
    const name = propertyName(property.name, file);
    if (name === 'setup') {
      const text = functionText(property, file);
      if (text) out.setup = text;
    }
    if (
      name === 'exec' &&
      ts.isPropertyAssignment(property) &&
      ts.isObjectLiteralExpression(property.initializer)
    ) {
      for (const fn of property.initializer.properties) {
        if (!fn.name) continue;
        const text = functionText(fn, file);
        if (text) out.exec[propertyName(fn.name, file)] = text;
      }
    }
  }
  return out;
}
