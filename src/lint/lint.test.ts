import { describe, expect, it } from 'vitest';
import { loadOpenApi } from '../formats/openapi/index.js';
import { parseJsonOrYaml } from '../formats/parse.js';
import { emptyService, type Service } from '../model/index.js';
import { lintService } from './lint.js';

async function serviceOf(text: string): Promise<Service> {
  const parsed = parseJsonOrYaml('api.yaml', text);
  if (!parsed.ok) throw new Error('test document does not parse');
  const source = await loadOpenApi({
    file: 'api.yaml',
    text,
    document: parsed.document,
    readFile: async (path) => {
      throw new Error(`unexpected read of ${path}`);
    },
  });
  if (!source.service) throw new Error(JSON.stringify(source.diagnostics));
  return source.service;
}

describe('lintService', () => {
  it('finds nothing in a clean document', async () => {
    const service = await serviceOf(`
openapi: 3.0.0
info: { title: Clean, version: '1' }
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{ name: id, in: path, required: true, schema: { type: integer }, example: 7 }]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
              example: { name: Rex }
components:
  schemas:
    Pet: { type: object, required: [name], properties: { name: { type: string } } }
`);
    expect(lintService(service)).toEqual([]);
  });

  it('reports examples that do not match their schema: bodies as errors, parameters and headers as warnings', async () => {
    const service = await serviceOf(`
openapi: 3.0.0
info: { title: Examples, version: '1' }
paths:
  /pets:
    post:
      operationId: addPet
      parameters:
        - { name: limit, in: query, schema: { type: integer, format: int32 }, example: lots }
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Pet' }
            examples:
              nameless: { value: { tag: 1 } }
              good: { value: { name: Rex } }
      responses:
        '201':
          description: created
          content:
            application/xml:
              schema: { $ref: '#/components/schemas/Pet' }
              example: '<pet><name>Rex</name></pet>'
          headers:
            X-Rate: { schema: { type: integer }, example: '12' }
components:
  schemas:
    Pet: { type: object, required: [name], properties: { name: { type: string }, tag: { type: string } } }
`);
    const location = service.operations[0]?.source;
    expect(lintService(service)).toEqual([
      {
        code: 'lint.example.invalid',
        severity: 'warning',
        message:
          'Example "default" of query parameter "limit" in addPet (POST /pets) does not match its schema: (root) must be integer. Fix the example or the schema.',
        path: '/paths/~1pets/post/parameters/query:limit/examples/default',
        location,
      },
      {
        code: 'lint.example.invalid',
        severity: 'error',
        message:
          'Example "nameless" of the application/json request body in addPet (POST /pets) does not match its schema: (root) must have required property \'name\'; /tag must be string. Fix the example or the schema.',
        path: '/paths/~1pets/post/requestBody/content/application~1json/examples/nameless',
        location,
      },
      {
        code: 'lint.example.invalid',
        severity: 'warning',
        message:
          'Example "default" of header "X-Rate" of the 201 response in addPet (POST /pets) does not match its schema: (root) must be integer. Fix the example or the schema.',
        path: '/paths/~1pets/post/responses/201/headers/X-Rate/examples/default',
        location,
      },
    ]);
  });

  it('reports duplicate operationIds, undeclared or unused path parameters, and missing responses', async () => {
    const service = await serviceOf(`
openapi: 3.1.0
info: { title: Mess, version: '1' }
paths:
  /a/{id}:
    get:
      operationId: same
      responses: { '200': { description: ok } }
  /b:
    get:
      operationId: same
      parameters: [{ name: ghost, in: path, required: true, schema: { type: string } }]
`);
    expect(lintService(service).map((d) => [d.code, d.severity, d.path])).toEqual([
      ['lint.response.missing', 'warning', '/paths/~1b/get/responses'],
      ['lint.path-param.missing', 'error', '/paths/~1a~1{id}/get/parameters'],
      ['lint.path-param.missing', 'error', '/paths/~1b/get/parameters'],
      ['lint.operation-id.duplicate', 'error', '/paths/~1b/get/operationId'],
    ]);
    expect(lintService(service).at(-1)?.message).toBe(
      'The operationId "same" is used by 2 operations (GET /a/{id}, GET /b); ids must be unique. Rename all but one (here it is served as "GET /b").',
    );
  });

  it('works on services from any format (no source locations needed)', () => {
    const service = emptyService({ name: 's', title: 'S', format: 'raml-1.0', file: 'api.raml' });
    service.operations.push({
      id: 'GET /x/{id}',
      method: 'GET',
      path: '/x/{id}',
      tags: [],
      parameters: [],
      responses: [],
      callbacks: [],
    });
    expect(lintService(service)).toEqual([
      {
        code: 'lint.response.missing',
        severity: 'warning',
        message:
          'Operation GET /x/{id} declares no response. Add at least one response (e.g. 200 or default).',
        path: '/responses',
      },
      {
        code: 'lint.path-param.missing',
        severity: 'error',
        message:
          'Path parameter "id" of GET /x/{id} is in the path template but not declared. Add a parameter with `in: path` and `name: id`.',
        path: '/parameters',
      },
    ]);
  });
});
