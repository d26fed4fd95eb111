import {
  emptyService,
  type HoverflyGlobalDelay,
  type HoverflyGlobalLogNormalDelay,
  type HoverflyPair,
  type HoverflySimulation,
  type LoadedSource,
  pointer as ptr,
} from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { type ParsedDocument, parseJsonOrYaml } from '../parse.js';
import { serviceSlug } from '../slug.js';
import type { FormatLoader, LoadInput } from '../types.js';
import { createReporter, describePointer, type Reporter } from './reporter.js';
import { normaliseRequest, type SchemaFamily } from './request.js';
import { normaliseResponse, readLogNormal } from './response.js';

/** The schema versions Hoverfly has written, and how each is read. */
const SCHEMA_FAMILIES: Readonly<Record<string, SchemaFamily>> = {
  v1: 1,
  v2: 2,
  v3: 3,
  v4: 4,
  v5: 5,
  'v5.1': 5,
  'v5.2': 5,
  'v5.3': 5,
};

/** The version every simulation is normalised to. */
export const HOVERFLY_MODEL_SCHEMA = 'v5.3';

function parsedDocument(input: LoadInput): ParsedDocument | LoadedSource {
  if (input.document) return input.document;
  const parsed = parseJsonOrYaml(input.file, input.text);
  return parsed.ok ? parsed.document : { file: input.file, diagnostics: parsed.diagnostics };
}

function readMeta(
  raw: unknown,
  report: Reporter,
): { family: SchemaFamily; meta: HoverflySimulation['meta']; declared: string } | undefined {
  if (!isRecord(raw)) {
    report.error(
      '/meta',
      'Failed to load the Hoverfly simulation: because "meta" is missing or not an object. Add "meta": {"schemaVersion": "v5.3"}.',
    );
    return undefined;
  }
  const declared = raw.schemaVersion;
  if (typeof declared !== 'string') {
    report.error(
      '/meta/schemaVersion',
      'Failed to load the Hoverfly simulation: because "meta.schemaVersion" is missing or not a string. Add "schemaVersion": "v5.3" (or the version the file was written in).',
    );
    return undefined;
  }
  const family = SCHEMA_FAMILIES[declared];
  if (family === undefined) {
    report.error(
      '/meta/schemaVersion',
      `Failed to load the Hoverfly simulation: because schema version ${JSON.stringify(declared)} is not supported. Use one of ${Object.keys(SCHEMA_FAMILIES).join(', ')}.`,
    );
    return undefined;
  }
  const meta: HoverflySimulation['meta'] = { schemaVersion: HOVERFLY_MODEL_SCHEMA };
  for (const key of ['hoverflyVersion', 'timeExported'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') meta[key] = value;
  }
  return { family, meta, declared };
}

function readGlobalActions(raw: unknown, report: Reporter): HoverflySimulation['globalActions'] {
  const out: HoverflySimulation['globalActions'] = { delays: [], delaysLogNormal: [] };
  if (raw === undefined || raw === null) return out;
  if (!isRecord(raw)) {
    report.error(
      '/data/globalActions',
      'Failed to read data.globalActions: because it is not an object. Write it as {"delays": [], "delaysLogNormal": []}.',
    );
    return out;
  }
  const list = (key: 'delays' | 'delaysLogNormal'): unknown[] => {
    const value = raw[key];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    report.error(
      ptr('data', 'globalActions', key),
      `Failed to read data.globalActions.${key}: because it is not an array. Write it as a list of delay objects.`,
    );
    return [];
  };
  const target = (item: Record<string, unknown>, pointer: string) => {
    const urlPattern = item.urlPattern;
    if (typeof urlPattern !== 'string') {
      report.error(
        `${pointer}/urlPattern`,
        `Failed to read ${describePointer(pointer)}: because "urlPattern" is missing or not a string. Give a regular expression for the URLs to delay, e.g. ".".`,
      );
      return undefined;
    }
    try {
      new RegExp(urlPattern);
    } catch {
      report.warn(
        `${pointer}/urlPattern`,
        `The urlPattern ${JSON.stringify(urlPattern)} at ${describePointer(pointer)} is not a regular expression JavaScript understands; the delay will never apply. Rewrite it without Go-only syntax.`,
      );
    }
    const method = item.httpMethod;
    if (method !== undefined && method !== null && typeof method !== 'string') {
      report.error(
        `${pointer}/httpMethod`,
        `Failed to read ${describePointer(pointer)}: because "httpMethod" is not a string. Give a method such as "GET", or "" for any.`,
      );
      return undefined;
    }
    return typeof method === 'string' && method !== ''
      ? { urlPattern, httpMethod: method }
      : { urlPattern };
  };
  list('delays').forEach((item, index) => {
    const pointer = ptr('data', 'globalActions', 'delays', index);
    if (!isRecord(item)) {
      report.error(
        pointer,
        `Failed to read ${describePointer(pointer)}: because it is not an object.`,
      );
      return;
    }
    const where = target(item, pointer);
    const delay = item.delay;
    if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0) {
      report.error(
        `${pointer}/delay`,
        `Failed to read ${describePointer(pointer)}: because "delay" is not a whole number of milliseconds. Give a non-negative integer.`,
      );
      return;
    }
    if (where) out.delays.push({ ...where, delay } satisfies HoverflyGlobalDelay);
  });
  list('delaysLogNormal').forEach((item, index) => {
    const pointer = ptr('data', 'globalActions', 'delaysLogNormal', index);
    if (!isRecord(item)) {
      report.error(
        pointer,
        `Failed to read ${describePointer(pointer)}: because it is not an object.`,
      );
      return;
    }
    const where = target(item, pointer);
    const delay = readLogNormal(item, pointer, report);
    if (where && delay)
      out.delaysLogNormal.push({ ...where, ...delay } satisfies HoverflyGlobalLogNormalDelay);
  });
  return out;
}

function readTemplateData(
  data: Record<string, unknown>,
  simulation: HoverflySimulation,
  report: Reporter,
): void {
  const literals = data.literals;
  if (literals !== undefined && literals !== null) {
    if (!Array.isArray(literals)) {
      report.error(
        '/data/literals',
        'Failed to read data.literals: because it is not an array. Write it as [{"name": "x", "value": 1}].',
      );
    } else {
      simulation.literals = [];
      literals.forEach((item, index) => {
        if (!isRecord(item) || typeof item.name !== 'string' || !('value' in item)) {
          report.error(
            ptr('data', 'literals', index),
            `Failed to read data.literals[${index}]: because it needs a string "name" and a "value". Write it as {"name": "x", "value": 1}.`,
          );
        } else simulation.literals?.push({ name: item.name, value: item.value });
      });
    }
  }
  const variables = data.variables;
  if (variables !== undefined && variables !== null) {
    if (!Array.isArray(variables)) {
      report.error(
        '/data/variables',
        'Failed to read data.variables: because it is not an array. Write it as [{"name": "x", "function": "faker", "arguments": []}].',
      );
    } else {
      simulation.variables = [];
      variables.forEach((item, index) => {
        if (
          !isRecord(item) ||
          typeof item.name !== 'string' ||
          typeof item.function !== 'string' ||
          (item.arguments !== undefined &&
            item.arguments !== null &&
            !Array.isArray(item.arguments))
        ) {
          report.error(
            ptr('data', 'variables', index),
            `Failed to read data.variables[${index}]: because it needs a string "name", a string "function" and optional "arguments" array. Fix the entry.`,
          );
          return;
        }
        simulation.variables?.push({
          name: item.name,
          function: item.function,
          ...(Array.isArray(item.arguments) ? { arguments: [...item.arguments] } : {}),
        });
      });
    }
  }
}

/** A request matcher as canonical text: object keys sorted, so field and header order do not count. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Splits pairs into those Hoverfly serves and those it does not add on import because an
 * earlier pair has identical request matchers ("data.pairs[N] is not added due to a conflict
 * with the existing simulation"): the first of identical pairs wins.
 *
 * @example
 * distinctRequests(simulation.pairs).dropped; // [{ index: 1, sameAs: 0 }]
 */
export function distinctRequests(pairs: readonly HoverflyPair[]): {
  kept: HoverflyPair[];
  dropped: Array<{ index: number; sameAs: number }>;
} {
  const seen = new Map<string, number>();
  const kept: HoverflyPair[] = [];
  const dropped: Array<{ index: number; sameAs: number }> = [];
  pairs.forEach((pair, index) => {
    const key = canonical(pair.request);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      kept.push(pair);
    } else dropped.push({ index, sameAs: first });
  });
  return { kept, dropped };
}

function dropDuplicateRequests(simulation: HoverflySimulation, report: Reporter): void {
  const { kept, dropped } = distinctRequests(simulation.pairs);
  for (const { index, sameAs } of dropped) {
    report.warn(
      ptr('data', 'pairs', index, 'request'),
      `data.pairs[${index}] has the same request matchers as data.pairs[${sameAs}] and is not served (Hoverfly does not add it either: the first pair wins). Remove it, or make its matchers differ.`,
    );
  }
  simulation.pairs = kept;
}

/**
 * Loads a Hoverfly simulation of any schema version (v1 to v5.3) into the model, upgraded to the
 * v5.3 shape: matchers as `{matcher, value, config?, doMatch?}`, base64 bodies decoded, body
 * files read (only from inside the simulation's folder). Never throws for bad input.
 *
 * @example
 * const source = await loadHoverfly({ file: 'mocks/sim.json', text, readFile });
 * source.service?.hoverfly?.pairs.length;
 */
export const loadHoverfly: FormatLoader = async (input) => {
  const file = input.file;
  const document = parsedDocument(input);
  if (!('locate' in document)) return document;
  const report = createReporter(file, (pointer) => document.locate(pointer));
  const root = document.value;
  if (!isRecord(root)) {
    report.error(
      '',
      'Failed to load the Hoverfly simulation: because the document is not an object. Give it "data" and "meta".',
    );
    return { file, diagnostics: report.diagnostics };
  }
  const meta = readMeta(root.meta, report);
  if (!meta) return { file, diagnostics: report.diagnostics };

  const data = root.data;
  if (!isRecord(data)) {
    report.error(
      '/data',
      'Failed to load the Hoverfly simulation: because "data" is missing or not an object. Add "data": {"pairs": []}.',
    );
    return { file, format: 'hoverfly-v5', diagnostics: report.diagnostics };
  }
  const simulation: HoverflySimulation = {
    pairs: [],
    globalActions: readGlobalActions(data.globalActions, report),
    meta: meta.meta,
  };
  readTemplateData(data, simulation, report);

  const pairs = data.pairs ?? [];
  if (!Array.isArray(pairs)) {
    report.error(
      '/data/pairs',
      'Failed to read data.pairs: because it is not an array. Write it as a list of {"request", "response"} pairs.',
    );
  } else {
    for (const [index, raw] of pairs.entries()) {
      const pointer = ptr('data', 'pairs', index);
      if (!isRecord(raw)) {
        report.error(
          pointer,
          `Failed to read data.pairs[${index}]: because it is not an object. Give it a "request" and a "response".`,
        );
        continue;
      }
      const request = normaliseRequest(raw.request, meta.family, `${pointer}/request`, report);
      const response = await normaliseResponse(raw.response, `${pointer}/response`, {
        file,
        readFile: input.readFile,
        report,
      });
      let labels: string[] | undefined;
      if (raw.labels !== undefined && raw.labels !== null) {
        if (Array.isArray(raw.labels) && raw.labels.every((l) => typeof l === 'string'))
          labels = [...raw.labels];
        else {
          report.error(
            `${pointer}/labels`,
            `Failed to read data.pairs[${index}].labels: because it is not a list of strings. Write it as ["label"].`,
          );
        }
      }
      if (!request || !response) continue;
      const pair: HoverflyPair = { request, response };
      if (labels && labels.length > 0) pair.labels = labels;
      simulation.pairs.push(pair);
    }
  }

  dropDuplicateRequests(simulation, report);
  const hasError = report.diagnostics.some((d) => d.severity === 'error');
  if (hasError) return { file, format: 'hoverfly-v5', diagnostics: report.diagnostics };
  const service = emptyService({
    name: serviceSlug(undefined, file, 'simulation'),
    title: file.slice(file.lastIndexOf('/') + 1).replace(/\.(json|ya?ml)$/i, ''),
    format: 'hoverfly-v5',
    file,
  });
  service.sourceVersion = meta.declared;
  service.hoverfly = simulation;
  service.diagnostics = report.diagnostics.filter((d) => d.severity !== 'error');
  return { file, format: 'hoverfly-v5', service, diagnostics: report.diagnostics };
};
