import { DUPLICATE_OPERATION_ID } from '../formats/openapi/operations.js';
import { createSchemaCompiler, type SchemaCompiler } from '../matching/json-schema.js';
import {
  type Diagnostic,
  type Example,
  escapePointerToken,
  type HttpOperation,
  type JsonSchema,
  type MediaContent,
  type Service,
  type Severity,
} from '../model/index.js';

/** Names an operation in messages: `getPet (GET /pets/{id})`. */
function label(op: HttpOperation): string {
  const route = `${op.method} ${op.path}`;
  return op.id === route ? route : `${op.id} (${route})`;
}

/** Where an operation's finding sits: its source location, and a pointer below the operation. */
function at(op: HttpOperation, ...tokens: string[]): Pick<Diagnostic, 'path' | 'location'> {
  const base = op.source?.pointer ?? '';
  const path = base + tokens.map((t) => `/${escapePointerToken(t)}`).join('');
  return op.source ? { path, location: op.source } : { path };
}

/**
 * Spec-level checks over one loaded service: examples that break their schema, duplicate
 * operation ids, path parameters missing from the template or from the declarations, and
 * operations without responses. Unresolved references are the loader's to report.
 *
 * @example
 * const findings = lintService(source.service);
 * findings.filter((d) => d.severity === 'error'); // e.g. [{ code: 'lint.example.invalid', ... }]
 */
export function lintService(service: Service, compiler?: SchemaCompiler): Diagnostic[] {
  const schemas = compiler ?? createSchemaCompiler(service.schemas);
  const out: Diagnostic[] = [];
  const all = [...service.operations, ...service.webhooks];
  for (const op of all) {
    checkExamples(op, schemas, out);
    for (const callback of op.callbacks) {
      for (const inner of callback.operations) checkExamples(inner, schemas, out);
    }
    if (op.responses.length === 0) {
      out.push({
        code: 'lint.response.missing',
        severity: 'warning',
        message: `Operation ${label(op)} declares no response. Add at least one response (e.g. 200 or default).`,
        ...at(op, 'responses'),
      });
    }
  }
  for (const op of service.operations) checkPathParameters(op, out);
  checkDuplicateIds(all, out);
  return out;
}

/**
 * Bodies whose examples are data the schema describes. An XML or text example is the serialised
 * text, which a JSON Schema cannot check.
 */
function structured(content: MediaContent): boolean {
  const type = content.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type === '*/*' ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'multipart/form-data'
  );
}

function checkExamples(op: HttpOperation, compiler: SchemaCompiler, out: Diagnostic[]): void {
  const check = (
    owner: string,
    schema: JsonSchema | undefined,
    examples: Example[],
    severity: Severity,
    tokens: string[],
  ) => {
    if (schema === undefined) return;
    for (const example of examples) {
      if (example.value === undefined) continue;
      const issues = compiler.compile(schema)(example.value);
      if (issues.length === 0) continue;
      const reasons = issues
        .map((i) => `${i.path === '' ? '(root)' : i.path} ${i.message}`)
        .join('; ');
      out.push({
        code: 'lint.example.invalid',
        severity,
        message: `Example "${example.name}" of ${owner} in ${label(op)} does not match its schema: ${reasons}. Fix the example or the schema.`,
        ...at(op, ...tokens, 'examples', example.name),
      });
    }
  };
  for (const p of op.parameters) {
    check(`${p.in} parameter "${p.name}"`, p.schema, p.examples, 'warning', [
      'parameters',
      `${p.in}:${p.name}`,
    ]);
  }
  for (const content of (op.requestBody?.contents ?? []).filter(structured)) {
    check(`the ${content.mediaType} request body`, content.schema, content.examples, 'error', [
      'requestBody',
      'content',
      content.mediaType,
    ]);
  }
  for (const response of op.responses) {
    for (const content of response.contents.filter(structured)) {
      check(
        `the ${response.status} ${content.mediaType} response`,
        content.schema,
        content.examples,
        'error',
        ['responses', response.status, 'content', content.mediaType],
      );
    }
    for (const header of response.headers) {
      check(
        `header "${header.name}" of the ${response.status} response`,
        header.schema,
        header.examples,
        'warning',
        ['responses', response.status, 'headers', header.name],
      );
    }
  }
}

function checkPathParameters(op: HttpOperation, out: Diagnostic[]): void {
  const inTemplate = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const declared = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  for (const name of inTemplate) {
    if (declared.includes(name)) continue;
    out.push({
      code: 'lint.path-param.missing',
      severity: 'error',
      message: `Path parameter "${name}" of ${label(op)} is in the path template but not declared. Add a parameter with \`in: path\` and \`name: ${name}\`.`,
      ...at(op, 'parameters'),
    });
  }
  for (const name of declared) {
    if (inTemplate.includes(name)) continue;
    out.push({
      code: 'lint.path-param.missing',
      severity: 'error',
      message: `Path parameter "${name}" of ${label(op)} is declared but the path template has no {${name}}. Add it to the path or remove the parameter.`,
      ...at(op, 'parameters'),
    });
  }
}

function checkDuplicateIds(ops: HttpOperation[], out: Diagnostic[]): void {
  const byId = new Map<string, HttpOperation[]>();
  for (const op of ops) {
    const raw = op.extensions?.[DUPLICATE_OPERATION_ID];
    const id = typeof raw === 'string' ? raw : op.id;
    byId.set(id, [...(byId.get(id) ?? []), op]);
  }
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    const routes = group.map((op) => `${op.method} ${op.path}`).join(', ');
    for (const op of group.slice(1)) {
      out.push({
        code: 'lint.operation-id.duplicate',
        severity: 'error',
        message: `The operationId "${id}" is used by ${group.length} operations (${routes}); ids must be unique. Rename all but one (here it is served as "${op.id}").`,
        ...at(op, 'operationId'),
      });
    }
  }
}
