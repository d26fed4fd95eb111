import ts from 'typescript';

/**
 * Re-prints JavaScript or TypeScript with the TypeScript printer: one statement per line, stable
 * indentation and quotes, the same bytes for the same input. Used for code that comes out of
 * other generators unformatted (ajv's standalone validators are one long line).
 *
 * @example
 * formatCode('const a=1;const b=2', 'x.js'); // 'const a = 1;\nconst b = 2;\n'
 */
export function formatCode(code: string, fileName: string): string {
  const kind = fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, kind);
  return ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(file);
}
