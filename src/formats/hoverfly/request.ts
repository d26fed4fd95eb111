import {
  type HoverflyMatcher,
  type HoverflyRequestMatcher,
  pointer as ptr,
} from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import {
  normaliseMatcherList,
  normaliseMatcherMap,
  upgradeLegacyField,
  upgradeWholeQuery,
} from './matchers.js';
import { describePointer, type Reporter } from './reporter.js';

/** Schema families: v1 (plain strings), v2–v4 (field-matcher objects), v5.x (matcher arrays). */
export type SchemaFamily = 1 | 2 | 3 | 4 | 5;

const FIELDS = ['path', 'method', 'destination', 'scheme', 'body'] as const;
type Field = (typeof FIELDS)[number];

const at = (pointer: string, ...tokens: Array<string | number>): string => pointer + ptr(...tokens);

/**
 * Whole-query-string matchers (v1–v4 `query`, v5 `deprecatedQuery`) are not evaluated by Hoverfly
 * v1.10 at all — its upgrade drops them, so such a pair matches any query (checked against the
 * real binary) — and so Gauntlet drops them too, saying so.
 */
function dropWholeQuery(raw: unknown, pointer: string, report: Reporter): void {
  if (raw === undefined || raw === null || raw === '') return;
  if (isRecord(raw) && Object.values(raw).every((v) => v === null || v === undefined)) return;
  report.warn(
    pointer,
    `${describePointer(pointer)} matches the whole query string, which Hoverfly v1.10 no longer evaluates (the pair matches any query there), so Gauntlet does not either. Rewrite it as "query": {"name": [{"matcher": "exact", "value": "..."}]} to match parameters.`,
  );
}

/** Reads one pair's `request` into the v5.3 request matcher. Undefined when it cannot be read. */
export function normaliseRequest(
  raw: unknown,
  family: SchemaFamily,
  pointer: string,
  report: Reporter,
): HoverflyRequestMatcher | undefined {
  if (!isRecord(raw)) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an object. Give every pair a "request" object of matchers.`,
    );
    return undefined;
  }
  const before = report.diagnostics.length;
  const out =
    family === 1
      ? upgradeV1(raw, pointer, report)
      : family === 5
        ? readV5(raw, pointer, report)
        : upgradeV2ToV4(raw, pointer, report);
  const failed = report.diagnostics.slice(before).some((d) => d.severity === 'error');
  return failed ? undefined : out;
}

function readRequiresState(
  raw: unknown,
  pointer: string,
  report: Reporter,
): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw) || !Object.values(raw).every((v) => typeof v === 'string')) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an object of strings. Write it as {"stateName": "value"}.`,
    );
    return undefined;
  }
  return { ...(raw as Record<string, string>) };
}

function setField(
  out: HoverflyRequestMatcher,
  field: Field,
  list: HoverflyMatcher[] | undefined,
): void {
  if (list && list.length > 0) out[field] = list;
}

function mergeMap(
  target: Record<string, HoverflyMatcher[]>,
  extra: Record<string, HoverflyMatcher[]>,
): Record<string, HoverflyMatcher[]> {
  for (const [key, list] of Object.entries(extra)) target[key] = [...(target[key] ?? []), ...list];
  return target;
}

/** v5, v5.1, v5.2, v5.3: matcher arrays; `deprecatedQuery` is split into per-parameter matchers. */
function readV5(
  raw: Record<string, unknown>,
  pointer: string,
  report: Reporter,
): HoverflyRequestMatcher {
  const out: HoverflyRequestMatcher = {};
  for (const field of FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    const list = normaliseMatcherList(value, at(pointer, field), report);
    if (field === 'body' && list) {
      // Form matchers are lifted into `form` so engines need not look inside body matchers.
      const form = list.filter((m) => m.matcher === 'form' && !m.config && !m.doMatch);
      for (const m of form)
        out.form = mergeMap(out.form ?? {}, m.value as Record<string, HoverflyMatcher[]>);
      setField(
        out,
        field,
        list.filter((m) => !form.includes(m)),
      );
    } else setField(out, field, list);
  }
  if (raw.headers !== undefined && raw.headers !== null) {
    const headers = normaliseMatcherMap(raw.headers, at(pointer, 'headers'), report);
    if (headers) out.headers = headers;
  }
  let query: Record<string, HoverflyMatcher[]> | undefined;
  if (Array.isArray(raw.query)) {
    // Early v5 files still carried a whole-query-string matcher under `query`.
    const list = normaliseMatcherList(raw.query, at(pointer, 'query'), report);
    if (list) query = upgradeWholeQuery(list, at(pointer, 'query'), report);
  } else if (raw.query !== undefined && raw.query !== null) {
    query = normaliseMatcherMap(raw.query, at(pointer, 'query'), report);
  }
  dropWholeQuery(raw.deprecatedQuery, at(pointer, 'deprecatedQuery'), report);
  if (query) out.query = query;
  const requiresState = readRequiresState(raw.requiresState, at(pointer, 'requiresState'), report);
  if (requiresState) out.requiresState = requiresState;
  return out;
}

/** Headers of v1–v4: `{"Name": ["a", "b"]}` becomes one glob on `a;b` (Hoverfly's own upgrade). */
function upgradePlainHeaders(
  raw: unknown,
  pointer: string,
  report: Reporter,
): Record<string, HoverflyMatcher[]> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an object. Write headers as {"Name": ["value"]}.`,
    );
    return undefined;
  }
  const out: Record<string, HoverflyMatcher[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      out[name] = [{ matcher: 'glob', value: value.join(';') }];
    } else if (typeof value === 'string') {
      out[name] = [{ matcher: 'glob', value }];
    } else if (isRecord(value)) {
      // Some v4 exports wrote header matchers as field-matcher objects under `headers`.
      const list = upgradeLegacyField(value, at(pointer, name), report);
      if (list) out[name] = list;
    } else {
      report.error(
        at(pointer, name),
        `Failed to read header ${JSON.stringify(name)} at ${describePointer(pointer)}: because it is neither a list of strings nor a field-matcher object. Write it as ["value"].`,
      );
    }
  }
  return out;
}

function upgradeLegacyMap(
  raw: unknown,
  pointer: string,
  report: Reporter,
): Record<string, HoverflyMatcher[]> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an object of field matchers. Write it as {"name": {"exactMatch": "..."}}.`,
    );
    return undefined;
  }
  const out: Record<string, HoverflyMatcher[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    const list = upgradeLegacyField(value, at(pointer, key), report);
    if (list) out[key] = list;
  }
  return out;
}

/** v2, v3, v4: `{exactMatch, globMatch, ...}` per field; v4 adds `headersWithMatchers`/`queriesWithMatchers`. */
function upgradeV2ToV4(
  raw: Record<string, unknown>,
  pointer: string,
  report: Reporter,
): HoverflyRequestMatcher {
  const out: HoverflyRequestMatcher = {};
  for (const field of FIELDS)
    setField(out, field, upgradeLegacyField(raw[field], at(pointer, field), report));
  let headers = upgradePlainHeaders(raw.headers, at(pointer, 'headers'), report);
  const withMatchers = upgradeLegacyMap(
    raw.headersWithMatchers,
    at(pointer, 'headersWithMatchers'),
    report,
  );
  if (withMatchers) headers = mergeMap(headers ?? {}, withMatchers);
  if (headers) out.headers = headers;

  let query: Record<string, HoverflyMatcher[]> | undefined;
  dropWholeQuery(raw.query, at(pointer, 'query'), report);
  const queries = upgradeLegacyMap(
    raw.queriesWithMatchers,
    at(pointer, 'queriesWithMatchers'),
    report,
  );
  if (queries) query = mergeMap(query ?? {}, queries);
  if (query) out.query = query;
  const requiresState = readRequiresState(raw.requiresState, at(pointer, 'requiresState'), report);
  if (requiresState) out.requiresState = requiresState;
  return out;
}

/**
 * v1: each field is a plain string (or null). `requestType: "template"` (anything but
 * "recording") makes globs, a recording makes exact matchers — as Hoverfly's own upgrade does.
 */
function upgradeV1(
  raw: Record<string, unknown>,
  pointer: string,
  report: Reporter,
): HoverflyRequestMatcher {
  const out: HoverflyRequestMatcher = {};
  const requestType = raw.requestType;
  if (requestType !== undefined && requestType !== null && typeof requestType !== 'string') {
    report.error(
      at(pointer, 'requestType'),
      `Failed to read ${describePointer(at(pointer, 'requestType'))}: because it is not a string. Use "recording" or "template".`,
    );
  }
  const matcher = typeof requestType === 'string' && requestType !== 'recording' ? 'glob' : 'exact';
  const read = (field: string): string | undefined => {
    const value = raw[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      report.error(
        at(pointer, field),
        `Failed to read ${describePointer(at(pointer, field))}: because it is not a string. Schema v1 requests hold plain strings (or null).`,
      );
      return undefined;
    }
    return value;
  };
  for (const field of FIELDS) {
    const value = read(field);
    if (value !== undefined) out[field] = [{ matcher, value }];
  }
  const headers = upgradePlainHeaders(raw.headers, at(pointer, 'headers'), report);
  if (headers) out.headers = headers;
  dropWholeQuery(read('query'), at(pointer, 'query'), report);
  return out;
}
