import type { LoadedSource } from '../../model/index.js';
import type { LoadInput } from '../types.js';

// PLACEHOLDER: being written now; replaced before the first commit that uses it.
export async function loadOpenApi(input: LoadInput): Promise<LoadedSource> {
  return {
    file: input.file,
    diagnostics: [
      { code: 'GAUNTLET_E_INTERNAL', severity: 'error', message: 'openapi loader not written yet' },
    ],
  };
}
