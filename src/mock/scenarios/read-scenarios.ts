import { escapePointerToken } from '../../model/diagnostic.js';
import { isRecord } from '../../util/guards.js';
import { type ReadIssue, readDelaySpec, readFaultSpec } from '../faults/read-fault.js';
import type {
  BodyCondition,
  ResponseDefinition,
  ScenarioDefinition,
  ScenarioRequestPattern,
  StubDefinition,
  ValueCondition,
} from './types.js';

/** A problem reading scenario data; warnings (unknown fields) do not drop anything. */
export interface ScenarioReadIssue extends ReadIssue {
  severity: 'error' | 'warning';
}

type Rec = Record<string, unknown>;

class Reader {
  readonly issues: ScenarioReadIssue[] = [];

  error(pointer: string, message: string): undefined {
    this.issues.push({ pointer, message, severity: 'error' });
    return undefined;
  }

  record(value: unknown, pointer: string, what: string, known: readonly string[]): Rec | undefined {
    if (!isRecord(value)) return this.error(pointer, `${what} must be a mapping`);
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        this.issues.push({
          pointer: `${pointer}/${escapePointerToken(key)}`,
          message: `unknown field '${key}' in ${what} (ignored): known fields are ${known.join(', ')}`,
          severity: 'warning',
        });
      }
    }
    return value;
  }

  string(value: unknown, pointer: string, what: string): string | undefined {
    return typeof value === 'string' ? value : this.error(pointer, `${what} must be a string`);
  }

  optionalString(record: Rec, key: string, pointer: string): string | undefined {
    return record[key] === undefined
      ? undefined
      : this.string(record[key], `${pointer}/${key}`, key);
  }
}

function readCondition(r: Reader, value: unknown, pointer: string): ValueCondition | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    const keys = Object.keys(value);
    const key = keys[0];
    if (keys.length === 1 && key !== undefined) {
      const v = value[key];
      if (key === 'absent' && v === true) return { absent: true };
      if ((key === 'equals' || key === 'matches' || key === 'contains') && typeof v === 'string') {
        return { [key]: v } as ValueCondition;
      }
    }
  }
  return r.error(
    pointer,
    'a condition is a string or one of {equals: s}, {matches: regex}, {contains: s}, {absent: true}',
  );
}

function readConditions(
  r: Reader,
  value: unknown,
  pointer: string,
  what: string,
): Record<string, ValueCondition> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return r.error(pointer, `${what} must be a mapping of name → condition`);
  const out: Record<string, ValueCondition> = {};
  for (const [name, condition] of Object.entries(value)) {
    const read = readCondition(r, condition, `${pointer}/${escapePointerToken(name)}`);
    if (read !== undefined) out[name] = read;
  }
  return out;
}

function readBodyCondition(r: Reader, value: unknown, pointer: string): BodyCondition | undefined {
  if (isRecord(value) && Object.keys(value).length === 1) {
    if ('equalToJson' in value) return { equalToJson: value.equalToJson };
    if ('partialJson' in value) return { partialJson: value.partialJson };
    if (typeof value.contains === 'string') return { contains: value.contains };
    if (typeof value.matches === 'string') return { matches: value.matches };
  }
  return r.error(
    pointer,
    'a body condition is one of {equalToJson: v}, {partialJson: v}, {contains: s}, {matches: regex}',
  );
}

const REQUEST_KEYS = ['method', 'path', 'pathPattern', 'query', 'headers', 'body'] as const;

function readRequest(
  r: Reader,
  value: unknown,
  pointer: string,
): ScenarioRequestPattern | undefined {
  const record = r.record(value, pointer, 'a request', REQUEST_KEYS);
  if (record === undefined) return undefined;
  const method = r.optionalString(record, 'method', pointer);
  const path = r.optionalString(record, 'path', pointer);
  const pathPattern = r.optionalString(record, 'pathPattern', pointer);
  const query = readConditions(r, record.query, `${pointer}/query`, 'query');
  const headers = readConditions(r, record.headers, `${pointer}/headers`, 'headers');
  const body =
    record.body === undefined ? undefined : readBodyCondition(r, record.body, `${pointer}/body`);
  return {
    ...(method === undefined ? {} : { method }),
    ...(path === undefined ? {} : { path }),
    ...(pathPattern === undefined ? {} : { pathPattern }),
    ...(query === undefined ? {} : { query }),
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
  };
}

const RESPONSE_KEYS = [
  'status',
  'headers',
  'body',
  'bodyFile',
  'template',
  'delay',
  'fault',
] as const;

function readResponse(r: Reader, value: unknown, pointer: string): ResponseDefinition | undefined {
  const record = r.record(value, pointer, 'a response', RESPONSE_KEYS);
  if (record === undefined) return undefined;
  const out: ResponseDefinition = {};
  if (record.status !== undefined) {
    if (typeof record.status === 'number' && Number.isInteger(record.status))
      out.status = record.status;
    else r.error(`${pointer}/status`, 'status must be an integer');
  }
  if (record.headers !== undefined) {
    if (!isRecord(record.headers))
      r.error(`${pointer}/headers`, 'headers must be a mapping of name → value');
    else {
      out.headers = {};
      for (const [name, v] of Object.entries(record.headers)) {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
          out.headers[name] = String(v);
        else
          r.error(
            `${pointer}/headers/${escapePointerToken(name)}`,
            'a header value must be a string',
          );
      }
    }
  }
  if (record.body !== undefined) out.body = record.body;
  const bodyFile = r.optionalString(record, 'bodyFile', pointer);
  if (bodyFile !== undefined) out.bodyFile = bodyFile;
  if (record.template !== undefined) {
    if (typeof record.template === 'boolean') out.template = record.template;
    else r.error(`${pointer}/template`, 'template must be true or false');
  }
  if (record.delay !== undefined) {
    const { delay, issues } = readDelaySpec(record.delay, `${pointer}/delay`);
    for (const issue of issues) r.error(issue.pointer, issue.message);
    if (delay !== undefined) out.delay = delay;
  }
  if (record.fault !== undefined) {
    const { fault, issues } = readFaultSpec(record.fault, `${pointer}/fault`);
    for (const issue of issues) r.error(issue.pointer, issue.message);
    if (fault !== undefined) out.fault = fault;
  }
  return out;
}

const STUB_KEYS = [
  'id',
  'request',
  'state',
  'nextState',
  'response',
  'responses',
  'afterLast',
  'priority',
] as const;

function readStub(r: Reader, value: unknown, pointer: string): StubDefinition | undefined {
  const record = r.record(value, pointer, 'a stub', STUB_KEYS);
  if (record === undefined) return undefined;
  const before = r.issues.filter((i) => i.severity === 'error').length;
  const request =
    record.request === undefined
      ? r.error(`${pointer}/request`, 'a stub needs a request')
      : readRequest(r, record.request, `${pointer}/request`);
  const id = r.optionalString(record, 'id', pointer);
  let state: string | string[] | undefined;
  if (Array.isArray(record.state)) {
    state = record.state.flatMap((s, i) =>
      typeof s === 'string'
        ? [s]
        : (r.error(`${pointer}/state/${i}`, 'a state must be a string') ?? []),
    );
  } else state = r.optionalString(record, 'state', pointer);
  const nextState = r.optionalString(record, 'nextState', pointer);
  const response =
    record.response === undefined
      ? undefined
      : readResponse(r, record.response, `${pointer}/response`);
  let responses: ResponseDefinition[] | undefined;
  if (record.responses !== undefined) {
    if (!Array.isArray(record.responses) || record.responses.length === 0) {
      r.error(`${pointer}/responses`, 'responses must be a non-empty list of responses');
    } else {
      responses = record.responses.flatMap(
        (item, i) => readResponse(r, item, `${pointer}/responses/${i}`) ?? [],
      );
    }
  }
  if (
    response === undefined &&
    responses === undefined &&
    record.response === undefined &&
    record.responses === undefined
  ) {
    r.error(pointer, 'a stub needs a response (or a responses sequence)');
  }
  let afterLast: 'repeat' | 'cycle' | undefined;
  if (record.afterLast !== undefined) {
    if (record.afterLast === 'repeat' || record.afterLast === 'cycle') afterLast = record.afterLast;
    else r.error(`${pointer}/afterLast`, 'afterLast must be repeat or cycle');
  }
  let priority: number | undefined;
  if (record.priority !== undefined) {
    if (typeof record.priority === 'number' && Number.isFinite(record.priority))
      priority = record.priority;
    else r.error(`${pointer}/priority`, 'priority must be a number');
  }
  if (request === undefined || r.issues.filter((i) => i.severity === 'error').length > before)
    return undefined;
  return {
    request,
    ...(id === undefined ? {} : { id }),
    ...(state === undefined ? {} : { state }),
    ...(nextState === undefined ? {} : { nextState }),
    ...(response === undefined ? {} : { response }),
    ...(responses === undefined ? {} : { responses }),
    ...(afterLast === undefined ? {} : { afterLast }),
    ...(priority === undefined ? {} : { priority }),
  };
}

const SCENARIO_KEYS = [
  'name',
  'service',
  'initialState',
  'states',
  'stubs',
  'description',
] as const;

function readScenario(
  r: Reader,
  value: unknown,
  pointer: string,
): (ScenarioDefinition & { stubPointers: string[] }) | undefined {
  const record = r.record(value, pointer, 'a scenario', SCENARIO_KEYS);
  if (record === undefined) return undefined;
  const name =
    record.name === undefined
      ? r.error(`${pointer}/name`, 'a scenario needs a name')
      : r.string(record.name, `${pointer}/name`, 'name');
  const service = r.optionalString(record, 'service', pointer);
  const initialState = r.optionalString(record, 'initialState', pointer);
  let states: string[] | undefined;
  if (record.states !== undefined) {
    if (Array.isArray(record.states) && record.states.every((s) => typeof s === 'string'))
      states = record.states as string[];
    else r.error(`${pointer}/states`, 'states must be a list of names');
  }
  if (!Array.isArray(record.stubs)) {
    r.error(`${pointer}/stubs`, 'a scenario needs a list of stubs');
    return undefined;
  }
  // A broken stub is dropped (and reported); the others still load.
  const stubs: StubDefinition[] = [];
  const stubPointers: string[] = [];
  record.stubs.forEach((item, i) => {
    const stub = readStub(r, item, `${pointer}/stubs/${i}`);
    if (stub === undefined) return;
    stubs.push(stub);
    stubPointers.push(`${pointer}/stubs/${i}`);
  });
  if (name === undefined) return undefined;
  return {
    stubPointers,
    name,
    stubs,
    ...(service === undefined ? {} : { service }),
    ...(initialState === undefined ? {} : { initialState }),
    ...(states === undefined ? {} : { states }),
  };
}

/** The marker of a file holding a list of scenarios. */
export const SCENARIO_FILE_MARKER = 'scenarios/v1';

/**
 * Reads scenario definitions out of a parsed document:
 * `{gauntlet: scenarios/v1, scenarios: [...]}` or `{scenario: {...}}`. Issues carry JSON
 * pointers into the document. `base` maps definition index → its pointer in the document.
 *
 * @example
 * readScenarioDocument(YAML.parse(text)).definitions;
 */
export function readScenarioDocument(value: unknown): {
  definitions: ScenarioDefinition[];
  /** The document pointer of each definition (same order). */
  pointers: string[];
  /** The document pointer of each definition's stubs (stubs that failed to read are left out). */
  stubPointers: string[][];
  issues: ScenarioReadIssue[];
} {
  const r = new Reader();
  const definitions: ScenarioDefinition[] = [];
  const pointers: string[] = [];
  const stubPointers: string[][] = [];
  const add = (read: ReturnType<typeof readScenario>, pointer: string): void => {
    if (read === undefined) return;
    const { stubPointers: stubs, ...definition } = read;
    definitions.push(definition);
    pointers.push(pointer);
    stubPointers.push(stubs);
  };
  if (isRecord(value) && value.scenario !== undefined) {
    r.record(value, '', 'a scenario file', ['scenario', 'gauntlet']);
    add(readScenario(r, value.scenario, '/scenario'), '/scenario');
  } else if (isRecord(value) && value.gauntlet === SCENARIO_FILE_MARKER) {
    r.record(value, '', 'a scenario file', ['gauntlet', 'scenarios']);
    if (!Array.isArray(value.scenarios))
      r.error('/scenarios', 'a scenarios/v1 file needs a list under scenarios');
    else {
      value.scenarios.forEach((item, i) => {
        add(readScenario(r, item, `/scenarios/${i}`), `/scenarios/${i}`);
      });
    }
  } else {
    r.error(
      '',
      `not a scenario file: expected a top-level 'scenario:' or 'gauntlet: ${SCENARIO_FILE_MARKER}' with 'scenarios:'`,
    );
  }
  return { definitions, pointers, stubPointers, issues: r.issues };
}
