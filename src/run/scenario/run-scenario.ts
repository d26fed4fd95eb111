import type { Check } from '../types.js';
import type { Scenario, ScenarioStep } from './scenario.js';
import { subsetProblems } from './subset.js';
import { interpolate, pick } from './variables.js';

export interface RunScenarioOptions {
  /** Service name → base URL of the running system. */
  urls: Readonly<Record<string, string>>;
  /** Per-request timeout (default 5000 ms). */
  timeoutMs?: number;
}

interface Attempt {
  problems: string[];
  status?: number;
  body?: unknown;
  text?: string;
}

async function attempt(
  step: ScenarioStep,
  url: string,
  vars: Readonly<Record<string, unknown>>,
  timeoutMs: number,
): Promise<Attempt> {
  const headers: Record<string, string> = { accept: 'application/json, */*;q=0.1' };
  for (const [name, value] of Object.entries(step.request.headers ?? {})) {
    headers[name] = String(interpolate(value, vars));
  }
  let body: string | undefined;
  if (step.request.body !== undefined) {
    body = JSON.stringify(interpolate(step.request.body, vars));
    headers['content-type'] ??= 'application/json';
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${url}${interpolate(step.request.path, vars)}`, {
      method: step.request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    return { problems: [`no answer: ${error instanceof Error ? error.message : String(error)}`] };
  }
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const problems: string[] = [];
  if (response.status !== step.expect.status) {
    problems.push(`expected status ${step.expect.status}, got ${response.status}`);
  }
  if (step.expect.body !== undefined) {
    problems.push(
      ...subsetProblems(interpolate(step.expect.body, vars), parsed).map((p) => `body ${p}`),
    );
  }
  return { problems, status: response.status, body: parsed, text };
}

/**
 * Runs a scenario's steps in order against a running system: one check per step. Values saved
 * by a step (`save`) are available to later steps as `${name}`. After the first failed step the
 * rest are skipped (they usually depend on it).
 *
 * @example
 * const checks = await runScenario(scenario, { urls: system.urls });
 */
export async function runScenario(
  scenario: Scenario,
  options: RunScenarioOptions,
): Promise<Check[]> {
  const vars: Record<string, unknown> = {};
  const checks: Check[] = [];
  let failed = false;
  for (const step of scenario.steps) {
    const name = `${scenario.name}: ${step.name}`;
    if (failed) {
      checks.push({ name, status: 'skipped', message: 'an earlier step failed' });
      continue;
    }
    const service = step.service ?? scenario.target;
    const url = options.urls[service];
    if (url === undefined) {
      failed = true;
      checks.push({
        name,
        status: 'failed',
        message: `service "${service}" is not running (running: ${Object.keys(options.urls).join(', ')})`,
      });
      continue;
    }
    const started = performance.now();
    const deadline = started + (step.eventuallyMs ?? 0);
    let result = await attempt(step, url, vars, options.timeoutMs ?? 5000);
    while (result.problems.length > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      result = await attempt(step, url, vars, options.timeoutMs ?? 5000);
    }
    const durationMs = Math.round(performance.now() - started);
    const request = `${step.request.method} ${String(interpolate(step.request.path, vars))}`;
    if (result.problems.length > 0) {
      failed = true;
      checks.push({
        name,
        status: 'failed',
        message: `${request}: ${result.problems.join('; ')}`,
        durationMs,
        details: {
          service,
          status: result.status ?? null,
          body: result.text?.slice(0, 2000) ?? null,
        },
      });
      continue;
    }
    const saved: string[] = [];
    for (const [variable, path] of Object.entries(step.save ?? {})) {
      const value = pick(result.body, path);
      if (value === undefined) {
        result.problems.push(`cannot save ${variable}: the answer has no ${path}`);
        continue;
      }
      vars[variable] = value;
      saved.push(`${variable}=${JSON.stringify(value)}`);
    }
    failed = result.problems.length > 0;
    checks.push({
      name,
      status: failed ? 'failed' : 'passed',
      message: failed
        ? `${request}: ${result.problems.join('; ')}`
        : `${request} → ${result.status}${saved.length > 0 ? ` (saved ${saved.join(', ')})` : ''}`,
      durationMs,
      details: { service, status: result.status ?? null, body: result.body ?? null },
    });
  }
  return checks;
}
