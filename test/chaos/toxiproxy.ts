// Test support: the project's toxiproxy-server (from `gauntlet setup`) as a describeNeeding
// requirement, and a started server for a suite.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { localToxiproxy, type RunningToxiproxy } from '../../src/adapters/toxiproxy/backend.js';
import type { Requirement } from '../support/needs-tool.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export const TOXIPROXY: Requirement = {
  name: 'toxiproxy-server',
  available:
    existsSync(join(ROOT, '.gauntlet', 'bin', 'toxiproxy-server')) ||
    process.env.GAUNTLET_TOXIPROXY_SERVER !== undefined,
  install: 'node bin/gauntlet.js setup',
};

export function startToxiproxy(): Promise<RunningToxiproxy> {
  return localToxiproxy({ cwd: ROOT, env: process.env }).start();
}
