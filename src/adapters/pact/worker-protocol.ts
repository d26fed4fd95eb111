import type { ErrorCode } from '../../errors.js';
import type { BrokerOptions } from './verifier-options.js';

/**
 * The verification options that cross into the worker process: everything but functions. Handlers
 * given in code stay in the parent; the worker gets their names and calls back over IPC.
 */
export interface WorkerRunOptions {
  provider: string;
  cwd: string;
  baseUrl?: string;
  pacts?: string[];
  broker?: BrokerOptions;
  statesModule?: string;
  headers?: Record<string, string>;
  publish?: { providerVersion: string; buildUrl?: string };
  timeoutMs?: number;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Provider states handled in the parent, and which halves they have. */
  codeStates: Array<{ name: string; setup: boolean; teardown: boolean }>;
  /** Message providers handled in the parent (their metadata travels with the message). */
  codeMessages: Array<{ description: string; metadata?: Record<string, string> }>;
}

/** Parent → worker. */
export type ToWorker =
  | { type: 'run'; options: WorkerRunOptions }
  | { type: 'reply'; id: number; value?: unknown; error?: string };

/** Worker → parent. */
export type FromWorker =
  | {
      type: 'call';
      id: number;
      kind: 'setup' | 'teardown' | 'message';
      name: string;
      params: Record<string, unknown>;
    }
  | { type: 'done'; text: string; stateNames: string[]; durationMs: number }
  | { type: 'failed'; code: ErrorCode; message: string; hint?: string };
