import { isRecord } from '../util/guards.js';
import type { Configuration } from './experiment.js';

/** Configuration values after env lookups: what `${name}` placeholders are replaced with. */
export type ResolvedConfiguration = Record<string, unknown>;

/**
 * Resolves an experiment's configuration the way Chaos Toolkit does: `{ type: env, key }` reads
 * the environment (its `default` when unset), anything else is taken as is; `vars` (`--var`,
 * Gauntlet's own values such as `orders_url`) override both.
 *
 * @example
 * resolveConfiguration({ port: { type: 'env', key: 'PORT', default: 80 } }, { PORT: '81' }, {});
 * // { port: '81' }
 */
export function resolveConfiguration(
  configuration: Configuration | undefined,
  env: Readonly<Record<string, string | undefined>>,
  vars: Readonly<Record<string, unknown>>,
): ResolvedConfiguration {
  const out: ResolvedConfiguration = {};
  for (const [key, value] of Object.entries(configuration ?? {})) {
    if (isRecord(value) && value.type === 'env' && typeof value.key === 'string') {
      const fromEnv = env[value.key];
      out[key] = fromEnv ?? value.default;
      if (fromEnv !== undefined && value.env_var_type === 'int') out[key] = Number(fromEnv);
    } else {
      out[key] = value;
    }
  }
  return { ...out, ...vars };
}

const WHOLE = /^\$\{([^}]+)\}$/;
const PART = /\$\{([^}]+)\}/g;

/**
 * Replaces `${name}` placeholders in strings, deep in objects and arrays. A string that is one
 * placeholder takes the value's own type (a port stays a number); unknown names stay as written,
 * as in Chaos Toolkit.
 *
 * @example
 * substitute({ url: '${orders_url}/health' }, { orders_url: 'http://127.0.0.1:4101' });
 * // { url: 'http://127.0.0.1:4101/health' }
 */
export function substitute<T>(value: T, configuration: ResolvedConfiguration): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && whole[1] !== undefined && whole[1] in configuration) {
      return configuration[whole[1]] as T;
    }
    return value.replace(PART, (match, name: string) =>
      name in configuration ? String(configuration[name]) : match,
    ) as T;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, configuration)) as T;
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = substitute(item, configuration);
    return out as T;
  }
  return value;
}
