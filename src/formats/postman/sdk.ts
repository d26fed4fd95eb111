/// <reference path="../../../node_modules/postman-collection/types/index.d.ts" />
/**
 * The slice of the `postman-collection` SDK the loader uses, imported on first use so commands
 * that never meet a collection do not pay for loading it. The SDK is CommonJS: its classes are
 * properties of the default export.
 */
import type * as PostmanSdk from 'postman-collection';

export type Sdk = typeof PostmanSdk;

let loading: Promise<Sdk> | undefined;

/** The SDK module, loaded once. */
export function postmanSdk(): Promise<Sdk> {
  // A CommonJS module imported from ESM: everything is on `default` (module.exports).
  loading ??= import('postman-collection').then(
    (module) => (module as unknown as { default: Sdk }).default,
  );
  return loading;
}
