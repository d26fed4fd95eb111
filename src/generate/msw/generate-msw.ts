import type { HttpOperation, Service } from '../../model/index.js';
import { generatedHeader } from '../header.js';

export interface GenerateMswOptions {
  /** The contracts as the user named them (written in the header comment). */
  sources: readonly string[];
  /** The command that regenerates the file (written in the header comment). */
  command?: string;
  /** Module the handlers come from (default `gauntlet/msw`). */
  runtime?: string;
  /** Base URL the handlers answer under unless the caller passes one (default http://localhost:4010). */
  baseUrl?: string;
  /** `ts` (default) or `js` (no type annotations). */
  language?: 'ts' | 'js';
}

function withoutSource(operation: HttpOperation): HttpOperation {
  const { source: _source, ...rest } = operation;
  return {
    ...rest,
    callbacks: operation.callbacks.map((c) => ({
      ...c,
      operations: c.operations.map(withoutSource),
    })),
  };
}

/** The model minus what only reports need (diagnostics, source locations): smaller and machine-independent. */
function embeddable(service: Service): Service {
  return {
    ...service,
    diagnostics: [],
    operations: service.operations.map(withoutSource),
    webhooks: service.webhooks.map(withoutSource),
  };
}

function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/**
 * Generates an ES module that embeds the loaded model as JSON and exports MSW handlers built by
 * `createHandlers` from it, so browser code (setupWorker) and Node tests (setupServer) get
 * `gauntlet mock`'s answers without reading any file. The JSON is one string given to
 * JSON.parse: faster to load than an object literal, and cheap for tsc.
 *
 * @example
 * const text = generateMswModule(services, { sources: ['contracts/openapi/orders.yaml'] });
 * // import { handlers } from './mocks/handlers.js'; setupServer(...handlers());
 */
export function generateMswModule(
  services: readonly Service[],
  options: GenerateMswOptions,
): string {
  const ts = (options.language ?? 'ts') === 'ts';
  const runtime = options.runtime ?? 'gauntlet/msw';
  const baseUrl = options.baseUrl ?? 'http://localhost:4010';
  const header = generatedHeader(
    options.sources.join(', '),
    options.command ?? `gauntlet generate msw ${options.sources.join(' ')} --out <file>`,
  );
  const json = JSON.stringify(services.map(embeddable));
  const names = services.map((s) => s.name).join(', ');
  const lines = [
    header,
    ts
      ? `import { type CreateHandlersOptions, createHandlers, type Service } from ${literal(runtime)};`
      : `import { createHandlers } from ${literal(runtime)};`,
    ts ? `import type { HttpHandler } from 'msw';` : '',
    '',
    `/** The loaded model of ${names}. */`,
    ts
      ? `export const contracts: readonly Service[] = JSON.parse(${literal(json)}) as Service[];`
      : `export const contracts = JSON.parse(${literal(json)});`,
    '',
    `/** Where the handlers answer unless told otherwise (several services: under /<name>). */`,
    `export const DEFAULT_BASE_URL = ${literal(baseUrl)};`,
    '',
    ts ? `export type HandlersOptions = Partial<Omit<CreateHandlersOptions, 'contracts'>>;` : '',
    ts ? '' : '',
    '/**',
    ' * MSW request handlers answered by the Gauntlet mock engine from the embedded contracts.',
    ' *',
    ' * @example',
    " * const server = setupServer(...handlers({ baseUrl: 'http://orders.test' }));",
    ' */',
    ts
      ? 'export function handlers(options: HandlersOptions = {}): HttpHandler[] {'
      : 'export function handlers(options = {}) {',
    '  return createHandlers({ baseUrl: DEFAULT_BASE_URL, ...options, contracts });',
    '}',
    '',
  ];
  return lines.filter((line, index) => line !== '' || lines[index - 1] !== '').join('\n');
}
