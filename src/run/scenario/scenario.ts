import { parse } from 'yaml';
import { GauntletError } from '../../errors.js';
import { HTTP_METHODS, type HttpMethod } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';

/** One request of a scenario and what its answer must be. */
export interface ScenarioStep {
  name: string;
  /** The service the request goes to (its config key); default: the scenario's `target`. */
  service?: string;
  request: {
    method: HttpMethod;
    /** Path and query; `${var}` is replaced by a value saved by an earlier step. */
    path: string;
    headers?: Record<string, string>;
    /** Sent as JSON. Strings inside may use `${var}`. */
    body?: unknown;
  };
  expect: {
    status: number;
    /** A subset the JSON body must contain: objects by key, arrays element by element. */
    body?: unknown;
  };
  /** Variables taken from the JSON answer: name → dotted path, e.g. `{ orderId: 'id' }`. */
  save?: Record<string, string>;
  /** Retry the step until it passes or this many milliseconds have passed (async effects). */
  eventuallyMs?: number;
}

/** An end-to-end flow through the running system (`scenarios/*.yaml`). */
export interface Scenario {
  name: string;
  description?: string;
  /** The service steps call unless they name another (a config key, e.g. `gateway`). */
  target: string;
  steps: ScenarioStep[];
  file: string;
}

function stringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

function invalid(file: string, where: string, reason: string): GauntletError {
  return new GauntletError(
    'GAUNTLET_E_SCENARIO_INVALID',
    `Failed to read scenario ${file}: because ${where}${reason}.`,
    {
      hint: 'A scenario is { name, target, steps: [{ name, request: { method, path }, expect: { status } }] }.',
      location: { file },
    },
  );
}

function parseStep(file: string, index: number, value: unknown): ScenarioStep {
  const at = `steps[${index}]`;
  if (!isRecord(value)) throw invalid(file, at, ' is not an object');
  const { name, service, request, expect, save, eventuallyMs } = value;
  if (typeof name !== 'string' || name === '') throw invalid(file, `${at}.name`, ' is missing');
  const where = `${at} (${name})`;
  if (service !== undefined && typeof service !== 'string') {
    throw invalid(file, `${where}.service`, ' is not a string');
  }
  if (!isRecord(request)) throw invalid(file, `${where}.request`, ' is missing');
  const method = typeof request.method === 'string' ? request.method.toUpperCase() : '';
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw invalid(
      file,
      `${where}.request.method`,
      ` is not an HTTP method (${HTTP_METHODS.join(', ')})`,
    );
  }
  if (typeof request.path !== 'string' || !request.path.startsWith('/')) {
    throw invalid(file, `${where}.request.path`, ' must be a string starting with "/"');
  }
  if (request.headers !== undefined && !stringRecord(request.headers)) {
    throw invalid(file, `${where}.request.headers`, ' must map names to strings');
  }
  if (!isRecord(expect) || typeof expect.status !== 'number' || !Number.isInteger(expect.status)) {
    throw invalid(file, `${where}.expect.status`, ' must be an integer status code');
  }
  if (save !== undefined && !stringRecord(save)) {
    throw invalid(file, `${where}.save`, ' must map variable names to dotted paths');
  }
  if (eventuallyMs !== undefined && (typeof eventuallyMs !== 'number' || eventuallyMs < 0)) {
    throw invalid(file, `${where}.eventuallyMs`, ' must be a number of milliseconds');
  }
  return {
    name,
    ...(service === undefined ? {} : { service }),
    request: {
      method: method as HttpMethod,
      path: request.path,
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    expect: { status: expect.status, ...(expect.body === undefined ? {} : { body: expect.body }) },
    ...(save === undefined ? {} : { save }),
    ...(eventuallyMs === undefined ? {} : { eventuallyMs }),
  };
}

/**
 * Reads a scenario from YAML (or JSON) text. Throws GAUNTLET_E_SCENARIO_INVALID naming the file
 * and the step that is wrong.
 *
 * @example
 * parseScenario('scenarios/place-order.yaml', text).steps.map((s) => s.name);
 */
export function parseScenario(file: string, text: string): Scenario {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw invalid(
      file,
      '',
      `it is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  if (!isRecord(value)) throw invalid(file, '', 'it is not a mapping with name, target and steps');
  const { name, description, target, steps } = value;
  if (typeof name !== 'string' || name === '') throw invalid(file, 'name', ' is missing');
  if (typeof target !== 'string' || target === '') throw invalid(file, 'target', ' is missing');
  if (description !== undefined && typeof description !== 'string') {
    throw invalid(file, 'description', ' is not a string');
  }
  if (!Array.isArray(steps) || steps.length === 0) {
    throw invalid(file, 'steps', ' must be a non-empty list');
  }
  return {
    name,
    ...(description === undefined ? {} : { description }),
    target,
    steps: steps.map((step, index) => parseStep(file, index, step)),
    file,
  };
}
