import { type Diagnostic, escapePointerToken } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { createJsonLocator } from '../json-locator.js';

const DRAFT_03 = /^https?:\/\/json-schema\.org\/draft-03\/schema#?$/;
const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';

/** What `relaxDraft03Schema` did to one included JSON schema file. */
export interface RelaxedSchema {
  /** The schema to hand to AMF (draft-04), or the original text when nothing needed changing. */
  text: string;
  diagnostics: Diagnostic[];
}

/**
 * Pointers of every draft-04 `required: [..]` array inside a schema (keys of `properties` and
 * `definitions` are names, not keywords, so a property called `required` is not one).
 */
function requiredArrays(node: unknown, pointer: string, out: string[]): void {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) requiredArrays(item, `${pointer}/${i}`, out);
    return;
  }
  if (!isRecord(node)) return;
  if (Array.isArray(node.required)) out.push(`${pointer}/required`);
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${escapePointerToken(key)}`;
    if (
      (key === 'properties' || key === 'definitions' || key === 'patternProperties') &&
      isRecord(value)
    ) {
      for (const [name, sub] of Object.entries(value))
        requiredArrays(sub, `${at}/${escapePointerToken(name)}`, out);
    } else requiredArrays(value, at, out);
  }
}

/**
 * Rewrites a draft-03 schema in place as draft-04, keeping both ways of saying "required":
 * draft-03 `required: true` on a property becomes an entry of its parent's `required` list, and a
 * draft-04 `required: [..]` list written into the draft-03 schema stays.
 */
function toDraft04(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toDraft04);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  const required = new Set<string>(
    Array.isArray(node.required) ? node.required.filter((r) => typeof r === 'string') : [],
  );
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required') continue;
    if (
      (key === 'properties' || key === 'patternProperties' || key === 'definitions') &&
      isRecord(value)
    ) {
      const props: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value)) {
        if (key === 'properties' && isRecord(sub) && sub.required === true) required.add(name);
        props[name] = toDraft04(sub);
      }
      out[key] = props;
    } else out[key] = toDraft04(value);
  }
  if (required.size > 0) out.required = [...required];
  return out;
}

/**
 * RAML 0.8 APIs often include JSON schemas that declare draft-03 but list required properties
 * the draft-04 way (`"required": ["id"]`). AMF refuses those ("Required arrays of properties not
 * supported in JSON Schema below version draft-4") and drops the list. Real RAML 0.8 tools read
 * them, so Gauntlet does too: the schema is handed to AMF as draft-04 with every required
 * property kept (draft-03 `required: true` flags included), and each such list is reported as a
 * `GAUNTLET_W_RAML_LENIENT` warning at its file and line.
 *
 * @example
 * relaxDraft03Schema('book.json', '{"$schema":"http://json-schema.org/draft-03/schema","required":["id"]}')
 * // → { text: '{"$schema":"http://json-schema.org/draft-04/schema#","required":["id"]}', diagnostics: [warning at book.json:1] }
 */
export function relaxDraft03Schema(file: string, text: string): RelaxedSchema {
  const unchanged = { text, diagnostics: [] };
  if (!text.includes('draft-03')) return unchanged;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return unchanged;
  }
  if (!isRecord(value) || typeof value.$schema !== 'string' || !DRAFT_03.test(value.$schema))
    return unchanged;
  const arrays: string[] = [];
  requiredArrays(value, '', arrays);
  if (arrays.length === 0) return unchanged;
  const locate = createJsonLocator(file, text);
  const diagnostics = arrays.map((pointer): Diagnostic => {
    const location = locate(pointer);
    const place = location.line === undefined ? file : `${file}:${location.line}`;
    return {
      code: 'GAUNTLET_W_RAML_LENIENT',
      severity: 'warning',
      message: `${place}: this schema declares JSON Schema draft-03 but lists required properties the draft-04 way (\`required: [..]\`). Loaded leniently (as draft-04, every required property kept); declare "$schema": "${DRAFT_04}" or mark each property \`"required": true\`.`,
      path: pointer,
      location,
    };
  });
  const relaxed = toDraft04(value) as Record<string, unknown>;
  relaxed.$schema = DRAFT_04;
  return { text: JSON.stringify(relaxed, null, 2), diagnostics };
}
