import type { Server } from '../model/index.js';

/**
 * The path part of each server URL, with variables replaced by their defaults and without a
 * trailing slash: `https://{host}/v1/` → `/v1`, `/api` → `/api`, `https://x.io` → ''.
 * Distinct values only, in the servers' order; '' when a server has no path.
 */
export function serverBasePaths(servers: readonly Server[]): string[] {
  const out: string[] = [];
  for (const server of servers) {
    const base = basePathOf(server);
    if (!out.includes(base)) out.push(base);
  }
  return out;
}

function basePathOf(server: Server): string {
  let url = server.url.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const variable = server.variables?.[name];
    return variable ? variable.default : whole;
  });
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    const slash = rest.indexOf('/');
    url = slash >= 0 ? rest.slice(slash) : '';
  } else if (url.startsWith('//')) {
    const rest = url.slice(2);
    const slash = rest.indexOf('/');
    url = slash >= 0 ? rest.slice(slash) : '';
  }
  const query = url.search(/[?#]/);
  if (query >= 0) url = url.slice(0, query);
  // A variable without a default cannot be matched literally: keep only the fixed prefix.
  const open = url.indexOf('{');
  if (open >= 0) url = url.slice(0, url.lastIndexOf('/', open));
  if (url !== '' && !url.startsWith('/')) url = `/${url}`;
  return url.replace(/\/+$/, '');
}
