import { openRegistry, type Registry } from '../../index.js';
import type { CommandContext } from '../command.js';

export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The registry the flags (or environment) name. */
export function registryFromFlags(ctx: CommandContext): Registry {
  const pick = (flag: string) => stringFlag(ctx, flag);
  const opts: Parameters<typeof openRegistry>[0] = { cwd: ctx.cwd, env: ctx.env };
  const dir = pick('registry');
  const url = pick('broker-url');
  const token = pick('broker-token');
  const user = pick('broker-username');
  const password = pick('broker-password');
  if (dir) opts.dir = dir;
  if (url) opts.brokerUrl = url;
  if (token) opts.brokerToken = token;
  if (user) opts.brokerUsername = user;
  if (password) opts.brokerPassword = password;
  return openRegistry(opts);
}
