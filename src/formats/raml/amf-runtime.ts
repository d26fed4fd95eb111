import type { AMFConfiguration } from 'amf-client-js';

/** The amf-client-js module (a 20 MB Scala.js bundle). */
export type Amf = typeof import('amf-client-js');

/** AMF and the base configurations every RAML load starts from. */
export interface AmfRuntime {
  amf: Amf;
  raml10: AMFConfiguration;
  raml08: AMFConfiguration;
  /** Renders the resolved model as OpenAPI 3.0. */
  oas30: AMFConfiguration;
}

/**
 * amf-client-js is CommonJS. Node's ESM loader lifts its names to the namespace, but some
 * loaders (tsx, bundlers) only offer them under `default`.
 */
function commonJsExports(namespace: Amf): Amf {
  const fallback = (namespace as unknown as { default?: Amf }).default;
  return typeof namespace.RAMLConfiguration === 'function' || fallback === undefined
    ? namespace
    : fallback;
}

let runtime: Promise<AmfRuntime> | undefined;

/**
 * Loads AMF on first use and keeps it. Importing it takes 1–2 s, so it is never imported at
 * module load: `gauntlet --help` and non-RAML contracts never pay for it.
 */
export function amfRuntime(): Promise<AmfRuntime> {
  runtime ??= import('amf-client-js').then((namespace) => {
    const amf = commonJsExports(namespace);
    return {
      amf,
      raml10: amf.RAMLConfiguration.RAML10(),
      raml08: amf.RAMLConfiguration.RAML08(),
      oas30: amf.OASConfiguration.OAS30(),
    };
  });
  // A failed import (missing package) must not poison every later call.
  runtime.catch(() => {
    runtime = undefined;
  });
  return runtime;
}
