import * as opc from '@pactflow/openapi-pact-comparator';

/**
 * The slice of @pactflow/openapi-pact-comparator we use, typed here: the package's own .d.ts
 * re-exports `./compare` as a directory, which TypeScript's NodeNext resolution does not follow,
 * so its named exports look empty to `tsc` although they are there at run time.
 */
export interface ComparatorResult {
  code: string;
  message: string;
  type: 'error' | 'warning' | 'info';
  mockDetails?: {
    interactionDescription?: string | null;
    interactionState?: string | null;
    location: string;
    value?: unknown;
  };
  specDetails?: {
    location: string;
    pathMethod?: string | null;
    pathName?: string | null;
    value?: unknown;
  };
}

export interface PactComparator {
  compare(pact: unknown): AsyncGenerator<ComparatorResult>;
}

type ComparatorClass = new (options: { oas: unknown }) => PactComparator;

/** A comparator for one OpenAPI 2/3 document; it compiles the document's schemas once. */
export function createComparator(oas: unknown): PactComparator {
  const Comparator = (opc as unknown as { Comparator: ComparatorClass }).Comparator;
  return new Comparator({ oas });
}
