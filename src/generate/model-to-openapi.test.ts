import { describe, expect, it } from 'vitest';
import { modelToOpenApi } from './model-to-openapi.js';
import { loadPets } from './test-service-for-tests.js';

describe('modelToOpenApi', () => {
  it('writes the model as an OpenAPI 3.1 document, operations grouped by path', async () => {
    const document = modelToOpenApi(await loadPets());
    expect(document.openapi).toEqual('3.1.0');
    expect(document.info).toEqual({ title: 'Pet Store', version: '2.0.0' });
    expect(Object.keys(document.paths)).toEqual(['/pets/{petId}', '/pets']);
    expect(document.paths['/pets/{petId}']).toEqual({
      get: {
        operationId: 'getPet',
        parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': {
            description: 'A pet',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
          },
          '404': {
            description: 'Not found',
            content: {
              'application/problem+json': {
                schema: { type: 'object', properties: { title: { type: 'string' } } },
              },
            },
          },
        },
      },
    });
  });

  it('leaves out the operationId the loader made up for an operation without one', async () => {
    const document = modelToOpenApi(await loadPets());
    const post = document.paths['/pets']?.post as Record<string, unknown>;
    expect(post.operationId).toBeUndefined();
    expect(Object.keys(post)).toEqual(['requestBody', 'responses']);
  });
});
