import type { SourceFormat } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';

/** What a document's shape says about it as a Postman collection. */
export type PostmanVersion =
  | { kind: 'v2'; format: Extract<SourceFormat, 'postman-2.0' | 'postman-2.1'>; declared?: string }
  | { kind: 'legacy'; declared: string }
  | { kind: 'unsupported'; declared: string };

const SCHEMA_URL =
  /getpostman\.com\/json\/collection\/v?(\d+(?:\.\d+)*)|schema\.postman\.com\/json\/collection\/v?(\d+(?:\.\d+)*)/i;

/**
 * Recognises a Postman collection from its content: v2.x has `info` (with `schema`, the URL that
 * names the version, e.g. `…/json/collection/v2.1.0/collection.json`) and `item`; the legacy v1
 * format has `requests` next to `order`/`folders`. Undefined when it is not a collection.
 */
export function postmanVersion(value: unknown): PostmanVersion | undefined {
  if (!isRecord(value)) return undefined;
  const info = value.info;
  if (isRecord(info)) {
    const schema = typeof info.schema === 'string' ? info.schema : undefined;
    const match = schema ? SCHEMA_URL.exec(schema) : null;
    const declared = match ? (match[1] ?? match[2]) : undefined;
    if (declared === undefined) {
      // No recognisable schema URL: a collection only if it has items and a Postman-ish info.
      if (!Array.isArray(value.item)) return undefined;
      if (!('_postman_id' in info) && !('name' in info)) return undefined;
      return { kind: 'v2', format: 'postman-2.1' };
    }
    if (declared.startsWith('2.0')) return { kind: 'v2', format: 'postman-2.0', declared };
    if (declared.startsWith('2.1') || declared === '2')
      return { kind: 'v2', format: 'postman-2.1', declared };
    if (declared.startsWith('1')) return { kind: 'legacy', declared };
    return { kind: 'unsupported', declared };
  }
  if (Array.isArray(value.requests) && ('order' in value || 'folders' in value || 'name' in value))
    return { kind: 'legacy', declared: '1.0.0' };
  return undefined;
}
