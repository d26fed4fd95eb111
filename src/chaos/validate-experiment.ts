import { pointer } from '../model/diagnostic.js';
import { isRecord } from '../util/guards.js';
import type { Activity, Experiment } from './experiment.js';
import { HYPOTHESIS_STRATEGIES, ROLLBACK_STRATEGIES } from './experiment.js';
import {
  type ArgumentType,
  CHAOSTOXI_FUNCTIONS,
  chaostoxiFunction,
  type FunctionSpec,
  GAUNTLET_FUNCTIONS,
} from './functions.js';

/** What the validator reports: a problem and the JSON pointer of the value it is about. */
export interface ExperimentProblem {
  pointer: string;
  message: string;
}

const typeOf = (value: unknown): string =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

/** A `${name}` placeholder stands for a configuration value of any type. */
const isPlaceholder = (value: unknown): boolean =>
  typeof value === 'string' && /^\$\{[^}]+\}$/.test(value);

function argumentMatches(value: unknown, type: ArgumentType): boolean {
  if (type === 'any' || isPlaceholder(value)) return true;
  if (type === 'number') return typeof value === 'number' || /^\d+(\.\d+)?$/.test(String(value));
  if (type === 'object') return isRecord(value);
  if (type === 'array') return Array.isArray(value);
  return typeof value === type;
}

function checkArguments(
  spec: FunctionSpec,
  args: unknown,
  at: string,
  name: string,
  out: ExperimentProblem[],
): void {
  if (args !== undefined && !isRecord(args)) {
    out.push({ pointer: at, message: `${name}: arguments must be a mapping, not ${typeOf(args)}` });
    return;
  }
  const given = args ?? {};
  for (const [key, type] of Object.entries(spec.required)) {
    if (!(key in given)) {
      out.push({ pointer: at, message: `${name} needs the argument '${key}' (${type})` });
    } else if (!argumentMatches(given[key], type)) {
      out.push({
        pointer: `${at}/${key}`,
        message: `${name}: argument '${key}' must be ${type}, not ${typeOf(given[key])}`,
      });
    }
  }
  const optional = spec.optional ?? {};
  for (const [key, value] of Object.entries(given)) {
    if (key in spec.required) continue;
    const type = optional[key];
    if (type === undefined) {
      const known = [...Object.keys(spec.required), ...Object.keys(optional)];
      out.push({
        pointer: `${at}/${key}`,
        message: `${name} has no argument '${key}' (it takes: ${known.join(', ') || 'none'})`,
      });
    } else if (!argumentMatches(value, type)) {
      out.push({
        pointer: `${at}/${key}`,
        message: `${name}: argument '${key}' must be ${type}, not ${typeOf(value)}`,
      });
    }
  }
}

/** Checks a tolerance has one of the shapes Chaos Toolkit accepts. */
function checkTolerance(tolerance: unknown, at: string, out: ExperimentProblem[]): void {
  if (['boolean', 'number', 'string'].includes(typeof tolerance)) return;
  if (Array.isArray(tolerance)) return;
  if (!isRecord(tolerance)) {
    out.push({
      pointer: at,
      message: `a tolerance must be a boolean, a number, a string, a list or a mapping with a type, not ${typeOf(tolerance)}`,
    });
    return;
  }
  const type = tolerance.type;
  if (type === 'regex') {
    if (typeof tolerance.pattern !== 'string') {
      out.push({ pointer: at, message: "a regex tolerance needs a 'pattern' string" });
      return;
    }
    try {
      new RegExp(tolerance.pattern);
    } catch (error) {
      out.push({
        pointer: `${at}/pattern`,
        message: `the regex tolerance pattern does not compile: ${(error as Error).message}`,
      });
    }
  } else if (type === 'jsonpath') {
    if (typeof tolerance.path !== 'string' || tolerance.path.trim() === '') {
      out.push({ pointer: at, message: "a jsonpath tolerance needs a non-empty 'path'" });
    }
  } else if (type === 'range') {
    const range = tolerance.range;
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      typeof range[0] !== 'number' ||
      typeof range[1] !== 'number'
    ) {
      out.push({
        pointer: `${at}/range`,
        message: "a range tolerance needs 'range: [min, max]' with two numbers",
      });
    }
  } else if (type === 'probe') {
    checkActivity(tolerance, at, out, 'tolerance');
  } else {
    out.push({
      pointer: `${at}/type`,
      message: `unknown tolerance type ${JSON.stringify(type)} (use regex, jsonpath, range or probe)`,
    });
  }
}

function checkProvider(provider: unknown, at: string, out: ExperimentProblem[]): void {
  if (!isRecord(provider)) {
    out.push({ pointer: at, message: 'an activity needs a provider mapping' });
    return;
  }
  switch (provider.type) {
    case 'http':
      if (typeof provider.url !== 'string' || provider.url === '') {
        out.push({ pointer: at, message: "an http provider needs a 'url'" });
      }
      return;
    case 'process':
      if (typeof provider.path !== 'string' || provider.path === '') {
        out.push({ pointer: at, message: "a process provider needs a 'path'" });
      }
      return;
    case 'python': {
      const { module, func } = provider;
      if (typeof module !== 'string' || typeof func !== 'string') {
        out.push({ pointer: at, message: "a python provider needs 'module' and 'func'" });
        return;
      }
      const spec = chaostoxiFunction(module, func);
      if (spec === undefined) {
        const known = CHAOSTOXI_FUNCTIONS[module];
        out.push({
          pointer: `${at}/${known ? 'func' : 'module'}`,
          message: known
            ? `unknown function ${module}.${func} (known: ${Object.keys(known).join(', ')})`
            : `unknown python module ${module}: Gauntlet runs the chaostoolkit-toxiproxy driver's functions (${Object.keys(CHAOSTOXI_FUNCTIONS).join(', ')}) and its own 'gauntlet' provider`,
        });
        return;
      }
      checkArguments(spec, provider.arguments, `${at}/arguments`, `${module}.${func}`, out);
      return;
    }
    case 'gauntlet': {
      const func = provider.func;
      const spec = typeof func === 'string' ? GAUNTLET_FUNCTIONS[func] : undefined;
      if (spec === undefined) {
        out.push({
          pointer: `${at}/func`,
          message: `unknown gauntlet function ${JSON.stringify(func)} (known: ${Object.keys(GAUNTLET_FUNCTIONS).join(', ')})`,
        });
        return;
      }
      checkArguments(spec, provider.arguments, `${at}/arguments`, `gauntlet.${func}`, out);
      return;
    }
    default:
      out.push({
        pointer: `${at}/type`,
        message: `unknown provider type ${JSON.stringify(provider.type)} (use http, process, python or gauntlet)`,
      });
  }
}

function checkActivity(
  activity: unknown,
  at: string,
  out: ExperimentProblem[],
  where: 'hypothesis' | 'method' | 'rollbacks' | 'tolerance',
): void {
  if (!isRecord(activity)) {
    out.push({ pointer: at, message: `an activity must be a mapping, not ${typeOf(activity)}` });
    return;
  }
  if (
    where !== 'hypothesis' &&
    where !== 'tolerance' &&
    'ref' in activity &&
    !('provider' in activity)
  ) {
    if (typeof activity.ref !== 'string') out.push({ pointer: at, message: 'ref must be a name' });
    return;
  }
  if (activity.type !== 'probe' && activity.type !== 'action') {
    out.push({
      pointer: `${at}/type`,
      message: `an activity's type must be probe or action, not ${JSON.stringify(activity.type)}`,
    });
  }
  if (where !== 'tolerance' && (typeof activity.name !== 'string' || activity.name === '')) {
    out.push({ pointer: at, message: 'an activity needs a name' });
  }
  checkProvider(activity.provider, `${at}/provider`, out);
  if (where === 'hypothesis') {
    if (!('tolerance' in activity)) {
      out.push({ pointer: at, message: 'a steady-state probe needs a tolerance' });
    } else {
      checkTolerance(activity.tolerance, `${at}/tolerance`, out);
    }
  } else if ((where === 'rollbacks' || where === 'method') && 'tolerance' in activity) {
    checkTolerance(activity.tolerance, `${at}/tolerance`, out);
  }
  const pauses = activity.pauses;
  if (pauses !== undefined) {
    if (!isRecord(pauses))
      out.push({ pointer: `${at}/pauses`, message: 'pauses must be a mapping' });
    else {
      for (const key of Object.keys(pauses)) {
        if ((key !== 'before' && key !== 'after') || !argumentMatches(pauses[key], 'number')) {
          out.push({
            pointer: `${at}/pauses/${key}`,
            message: 'pauses takes before/after in seconds',
          });
        }
      }
    }
  }
}

function checkActivities(
  list: unknown,
  at: string,
  out: ExperimentProblem[],
  where: 'method' | 'rollbacks',
  names: Set<string>,
): void {
  if (!Array.isArray(list)) {
    out.push({ pointer: at, message: `${where} must be a list of activities` });
    return;
  }
  list.forEach((activity, index) => {
    const here = `${at}/${index}`;
    checkActivity(activity, here, out, where);
    if (isRecord(activity) && typeof activity.ref === 'string' && !('provider' in activity)) {
      if (!names.has(activity.ref)) {
        out.push({
          pointer: here,
          message: `ref '${activity.ref}' names no activity declared before it`,
        });
      }
    } else if (isRecord(activity) && typeof activity.name === 'string') {
      names.add(activity.name);
    }
  });
}

/**
 * Checks a parsed document against Chaos Toolkit's experiment format and Gauntlet's function
 * table, and returns every problem (none: the value is an Experiment).
 *
 * @example
 * validateExperiment({ title: 't', method: [] }); // [{ pointer: '/method', message: 'the method needs at least one activity' }]
 */
export function validateExperiment(value: unknown): ExperimentProblem[] {
  const out: ExperimentProblem[] = [];
  if (!isRecord(value)) {
    return [{ pointer: '', message: `an experiment must be a mapping, not ${typeOf(value)}` }];
  }
  if (typeof value.title !== 'string' || value.title === '') {
    out.push({ pointer: '', message: 'an experiment needs a title' });
  }
  if (value.configuration !== undefined && !isRecord(value.configuration)) {
    out.push({ pointer: '/configuration', message: 'configuration must be a mapping' });
  }
  const names = new Set<string>();
  const hypothesis = value['steady-state-hypothesis'];
  if (hypothesis !== undefined) {
    const at = pointer('steady-state-hypothesis');
    if (!isRecord(hypothesis)) {
      out.push({ pointer: at, message: 'steady-state-hypothesis must be a mapping' });
    } else {
      if (typeof hypothesis.title !== 'string') {
        out.push({ pointer: at, message: 'the steady-state hypothesis needs a title' });
      }
      if (hypothesis.probes !== undefined) {
        if (!Array.isArray(hypothesis.probes)) {
          out.push({ pointer: `${at}/probes`, message: 'probes must be a list' });
        } else {
          hypothesis.probes.forEach((probe, index) => {
            checkActivity(probe, `${at}/probes/${index}`, out, 'hypothesis');
            if (isRecord(probe) && typeof probe.name === 'string') names.add(probe.name);
          });
        }
      }
    }
  }
  if (value.method === undefined) {
    out.push({ pointer: '', message: 'an experiment needs a method (a list of activities)' });
  } else {
    checkActivities(value.method, '/method', out, 'method', names);
    if (Array.isArray(value.method) && value.method.length === 0) {
      out.push({ pointer: '/method', message: 'the method needs at least one activity' });
    }
  }
  if (value.rollbacks !== undefined) {
    checkActivities(value.rollbacks, '/rollbacks', out, 'rollbacks', names);
  }
  const runtime = value.runtime;
  if (runtime !== undefined) {
    const hypothesisRuntime = isRecord(runtime) ? runtime.hypothesis : undefined;
    const rollbackRuntime = isRecord(runtime) ? runtime.rollbacks : undefined;
    const strategy = isRecord(hypothesisRuntime) ? hypothesisRuntime.strategy : undefined;
    if (strategy !== undefined && !HYPOTHESIS_STRATEGIES.includes(strategy as never)) {
      out.push({
        pointer: '/runtime/hypothesis/strategy',
        message: `unknown hypothesis strategy ${JSON.stringify(strategy)} (${HYPOTHESIS_STRATEGIES.join(', ')})`,
      });
    }
    const frequency = isRecord(hypothesisRuntime) ? hypothesisRuntime.frequency : undefined;
    if (frequency !== undefined && (typeof frequency !== 'number' || frequency <= 0)) {
      out.push({
        pointer: '/runtime/hypothesis/frequency',
        message: 'frequency is a positive number of seconds',
      });
    }
    const ratio = isRecord(hypothesisRuntime) ? hypothesisRuntime.fail_fast_ratio : undefined;
    if (ratio !== undefined && (typeof ratio !== 'number' || !(ratio >= 0 && ratio <= 100))) {
      out.push({
        pointer: '/runtime/hypothesis/fail_fast_ratio',
        message: 'fail_fast_ratio is a percentage from 0 to 100',
      });
    }
    const rollbacks = isRecord(rollbackRuntime) ? rollbackRuntime.strategy : undefined;
    if (rollbacks !== undefined && !ROLLBACK_STRATEGIES.includes(rollbacks as never)) {
      out.push({
        pointer: '/runtime/rollbacks/strategy',
        message: `unknown rollback strategy ${JSON.stringify(rollbacks)} (${ROLLBACK_STRATEGIES.join(', ')})`,
      });
    }
  }
  return out;
}

/** Every activity of an experiment with its JSON pointer (hypothesis, method, rollbacks). */
export function activitiesOf(
  experiment: Experiment,
): Array<{ activity: Activity; pointer: string }> {
  const out: Array<{ activity: Activity; pointer: string }> = [];
  (experiment['steady-state-hypothesis']?.probes ?? []).forEach((activity, index) => {
    out.push({ activity, pointer: `${pointer('steady-state-hypothesis')}/probes/${index}` });
  });
  for (const list of ['method', 'rollbacks'] as const) {
    (experiment[list] ?? []).forEach((entry, index) => {
      if ('provider' in entry) out.push({ activity: entry, pointer: `/${list}/${index}` });
    });
  }
  return out;
}

/**
 * Proxy names the experiment's toxiproxy activities use that are not in the topology (and are
 * not created by the experiment itself with create_proxy).
 */
export function unknownProxies(
  experiment: Experiment,
  proxies: ReadonlySet<string>,
): ExperimentProblem[] {
  const created = new Set<string>();
  const out: ExperimentProblem[] = [];
  for (const { activity, pointer: at } of activitiesOf(experiment)) {
    const provider = activity.provider;
    if (provider.type !== 'python') continue;
    const spec = chaostoxiFunction(provider.module, provider.func);
    const args = provider.arguments ?? {};
    if (provider.func === 'create_proxy' && typeof args.proxy_name === 'string') {
      created.add(args.proxy_name);
    }
    const name = spec?.proxyArgument === undefined ? undefined : args[spec.proxyArgument];
    if (typeof name !== 'string' || isPlaceholder(name)) continue;
    if (!proxies.has(name) && !created.has(name)) {
      out.push({
        pointer: `${at}/provider/arguments/${spec!.proxyArgument}`,
        message: `proxy '${name}' is not in the topology (proxies: ${[...proxies].sort().join(', ') || 'none'})`,
      });
    }
  }
  return out;
}
