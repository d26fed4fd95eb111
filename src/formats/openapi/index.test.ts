import { describe, expect, it } from 'vitest';
import type { LoadedSource } from '../../model/index.js';
import { parseJsonOrYaml } from '../parse.js';
import { DUPLICATE_OPERATION_ID, loadOpenApi } from './index.js';

/** Loads `text` as `specs/api.yaml`, with `files` as the other files of an in-memory disk. */
async function load(text: string, files: Record<string, string> = {}): Promise<LoadedSource> {
  const parsed = parseJsonOrYaml('specs/api.yaml', text);
  if (!parsed.ok) throw new Error('test document does not parse');
  const reads: string[] = [];
  const source = await loadOpenApi({
    file: 'specs/api.yaml',
    text,
    document: parsed.document,
    readFile: async (path) => {
      reads.push(path);
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: no such file ${path}`);
      return content;
    },
  });
  return source;
}

const errorsOf = (source: LoadedSource) => source.diagnostics.filter((d) => d.severity === 'error');

describe('loadOpenApi: OpenAPI 3.0', () => {
  it('translates nullable, boolean exclusive bounds and example to 2020-12', async () => {
    const source = await load(`
openapi: 3.0.3
info: { title: My Pet Store!, version: '1' }
paths: {}
components:
  schemas:
    Price:
      type: number
      minimum: 0
      exclusiveMinimum: true
      maximum: 10
      exclusiveMaximum: false
      nullable: true
      example: 4.5
    Color:
      type: string
      enum: [red, blue]
      nullable: true
    Maybe:
      nullable: true
      allOf: [{ $ref: '#/components/schemas/Color' }]
`);
    expect(errorsOf(source)).toEqual([]);
    expect(source.format).toBe('openapi-3.0');
    expect(source.service?.name).toBe('my-pet-store');
    expect(source.service?.title).toBe('My Pet Store!');
    expect(source.service?.sourceVersion).toBe('3.0.3');
    expect(source.service?.schemas).toEqual({
      Price: { type: ['number', 'null'], exclusiveMinimum: 0, maximum: 10, examples: [4.5] },
      Color: { type: ['string', 'null'], enum: ['red', 'blue', null] },
      Maybe: { anyOf: [{ allOf: [{ $ref: '#/components/schemas/Color' }] }, { type: 'null' }] },
    });
  });

  it('keeps circular component schemas as refs and promotes circular inline refs', async () => {
    const source = await load(`
openapi: 3.0.0
info: { title: Tree, version: '1' }
paths:
  /tree:
    get:
      operationId: getTree
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Node' }
        '201':
          description: a self-referencing inline schema
          content:
            application/json:
              schema:
                type: object
                properties:
                  next: { $ref: '#/paths/~1tree/get/responses/201/content/application~1json/schema' }
components:
  schemas:
    Node:
      type: object
      properties:
        children: { type: array, items: { $ref: '#/components/schemas/Node' } }
`);
    expect(errorsOf(source)).toEqual([]);
    const op = source.service?.operations[0];
    expect(op?.responses[0]?.contents[0]?.schema).toEqual({ $ref: '#/components/schemas/Node' });
    expect(op?.responses[1]?.contents[0]?.schema).toEqual({
      type: 'object',
      properties: { next: { $ref: '#/components/schemas/schema' } },
    });
    expect(source.service?.schemas).toEqual({
      Node: {
        type: 'object',
        properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
      },
      schema: { type: 'object', properties: { next: { $ref: '#/components/schemas/schema' } } },
    });
  });

  it('resolves refs to other files, relative to the referring file, through several files', async () => {
    const source = await load(
      `
openapi: 3.0.0
info: { title: Split, version: '1' }
paths:
  /pets:
    $ref: 'paths/pets.yaml'
components:
  schemas:
    Pet: { type: object, properties: { name: { type: string } } }
`,
      {
        'specs/paths/pets.yaml': `
get:
  operationId: listPets
  parameters:
    - $ref: '../common.yaml#/parameters/limit'
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema: { $ref: '../common.yaml#/components/schemas/Pet' }
`,
        'specs/common.yaml': `
parameters:
  limit: { name: limit, in: query, schema: { type: integer }, example: 10 }
components:
  schemas:
    Pet:
      type: object
      properties:
        owner: { $ref: 'people.yaml' }
        friends: { type: array, items: { $ref: '#/components/schemas/Pet' } }
`,
        'specs/people.yaml': `type: object\nproperties: { name: { type: string, nullable: true } }\n`,
      },
    );
    expect(errorsOf(source)).toEqual([]);
    const op = source.service?.operations[0];
    expect(op?.id).toBe('listPets');
    expect(op?.parameters).toEqual([
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer' },
        examples: [{ name: 'default', value: 10 }],
      },
    ]);
    expect(op?.responses[0]?.contents[0]?.schema).toEqual({ $ref: '#/components/schemas/Pet_2' });
    expect(source.service?.schemas).toEqual({
      Pet: { type: 'object', properties: { name: { type: 'string' } } },
      Pet_2: {
        type: 'object',
        properties: {
          owner: { $ref: '#/components/schemas/people' },
          friends: { type: 'array', items: { $ref: '#/components/schemas/Pet_2' } },
        },
      },
      people: { type: 'object', properties: { name: { type: ['string', 'null'] } } },
    });
  });

  it('reads callbacks with their runtime expression', async () => {
    const source = await load(`
openapi: 3.0.0
info: { title: Hooks, version: '1' }
paths:
  /subscribe:
    post:
      responses: { '201': { description: created } }
      callbacks:
        onEvent:
          '{$request.body#/callbackUrl}':
            post:
              requestBody:
                content: { application/json: { schema: { type: object } } }
              responses: { '200': { description: ok } }
`);
    expect(errorsOf(source)).toEqual([]);
    const op = source.service?.operations[0];
    expect(op?.id).toBe('POST /subscribe');
    expect(op?.callbacks.map((c) => [c.name, c.expression, c.operations.map((o) => o.id)])).toEqual(
      [['onEvent', '{$request.body#/callbackUrl}', ['POST onEvent {$request.body#/callbackUrl}']]],
    );
    expect(op?.callbacks[0]?.operations[0]?.requestBody).toEqual({
      required: false,
      contents: [{ mediaType: 'application/json', schema: { type: 'object' }, examples: [] }],
    });
  });

  it('merges path-level parameters, operation ones winning, and keeps duplicate operationIds apart', async () => {
    const source = await load(`
openapi: 3.0.0
info: { title: Ids, version: '1' }
servers: [{ url: 'https://{env}.example.com/v1', variables: { env: { default: prod, enum: [prod, dev] } } }]
paths:
  /items/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
      - { name: verbose, in: query, schema: { type: boolean } }
    get:
      operationId: getItem
      x-team: shop
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer } }
      responses: { '200': { description: ok } }
    delete:
      operationId: getItem
      servers: [{ url: 'https://admin.example.com' }]
      security: []
      responses: { '204': { description: gone } }
`);
    expect(errorsOf(source)).toEqual([]);
    const [get, del] = source.service?.operations ?? [];
    expect(get?.parameters.map((p) => [p.name, p.in, p.schema])).toEqual([
      ['verbose', 'query', { type: 'boolean' }],
      ['id', 'path', { type: 'integer' }],
    ]);
    expect(get?.extensions).toEqual({ 'x-team': 'shop' });
    expect(get?.source).toEqual({
      file: 'specs/api.yaml',
      line: 11,
      column: 7,
      pointer: '/paths/~1items~1{id}/get',
    });
    expect(del?.id).toBe('DELETE /items/{id}');
    expect(del?.extensions).toEqual({ [DUPLICATE_OPERATION_ID]: 'getItem' });
    expect(del?.servers).toEqual([{ url: 'https://admin.example.com' }]);
    expect(del?.security).toEqual([]);
    expect(source.service?.servers).toEqual([
      {
        url: 'https://{env}.example.com/v1',
        variables: { env: { default: 'prod', enum: ['prod', 'dev'] } },
      },
    ]);
  });
});

describe('loadOpenApi: Swagger 2.0', () => {
  it('turns formData parameters into a form body chosen by consumes, and body into a request body', async () => {
    const source = await load(`
swagger: '2.0'
info: { title: Forms, version: '1' }
host: api.example.com
basePath: /v2
schemes: [http, https]
consumes: [application/json]
produces: [application/json, application/xml]
securityDefinitions:
  key: { type: apiKey, name: X-Key, in: header }
  oauth: { type: oauth2, flow: application, tokenUrl: 'https://auth.example.com/token', scopes: { read: Read } }
paths:
  /messages:
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - { name: To, in: formData, type: string, required: true, description: Phone }
        - { name: Tags, in: formData, type: array, items: { type: string }, collectionFormat: multi }
        - { name: ids, in: query, type: array, items: { type: integer }, collectionFormat: pipes }
      responses:
        '201':
          description: sent
          schema: { type: object, properties: { sid: { type: string, x-nullable: true } } }
          examples: { application/json: { sid: SM1 } }
          headers: { X-Rate: { type: integer, description: left } }
  /upload:
    post:
      parameters:
        - { name: file, in: formData, type: file }
      responses: { '200': { description: ok } }
  /pets:
    put:
      parameters:
        - { name: pet, in: body, required: true, schema: { $ref: '#/definitions/Pet' } }
      responses: { default: { description: error } }
definitions:
  Pet: { type: object, properties: { name: { type: string } } }
`);
    expect(errorsOf(source)).toEqual([]);
    const service = source.service;
    expect(service?.format).toBe('swagger-2.0');
    expect(service?.servers).toEqual([
      { url: 'http://api.example.com/v2' },
      { url: 'https://api.example.com/v2' },
    ]);
    expect(service?.securitySchemes).toEqual({
      key: { type: 'apiKey', name: 'X-Key', in: 'header' },
      oauth: {
        type: 'oauth2',
        flows: {
          clientCredentials: {
            scopes: { read: 'Read' },
            tokenUrl: 'https://auth.example.com/token',
          },
        },
      },
    });
    const [messages, upload, pets] = service?.operations ?? [];
    expect(messages?.parameters).toEqual([
      {
        name: 'ids',
        in: 'query',
        required: false,
        examples: [],
        schema: { type: 'array', items: { type: 'integer' } },
        style: 'pipeDelimited',
        explode: false,
      },
    ]);
    expect(messages?.requestBody).toEqual({
      required: true,
      contents: [
        {
          mediaType: 'application/x-www-form-urlencoded',
          schema: {
            type: 'object',
            properties: {
              To: { type: 'string', description: 'Phone' },
              Tags: { type: 'array', items: { type: 'string' } },
            },
            required: ['To'],
          },
          examples: [],
          encoding: { Tags: { style: 'form', explode: true } },
        },
      ],
    });
    const sid = { type: 'object', properties: { sid: { type: ['string', 'null'] } } };
    expect(messages?.responses).toEqual([
      {
        status: '201',
        description: 'sent',
        headers: [
          {
            name: 'X-Rate',
            required: false,
            description: 'left',
            examples: [],
            schema: { type: 'integer' },
          },
        ],
        contents: [
          {
            mediaType: 'application/json',
            schema: sid,
            examples: [{ name: 'default', value: { sid: 'SM1' } }],
          },
          { mediaType: 'application/xml', schema: sid, examples: [] },
        ],
      },
    ]);
    expect(upload?.requestBody?.contents).toEqual([
      {
        mediaType: 'multipart/form-data',
        schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
        examples: [],
      },
    ]);
    expect(pets?.requestBody).toEqual({
      required: true,
      contents: [
        {
          mediaType: 'application/json',
          schema: { $ref: '#/components/schemas/Pet' },
          examples: [],
        },
      ],
    });
    expect(service?.schemas).toEqual({
      Pet: { type: 'object', properties: { name: { type: 'string' } } },
    });
  });
});

describe('loadOpenApi: OpenAPI 3.1', () => {
  it('reads webhooks into service.webhooks and keeps 3.1 schemas as written', async () => {
    const source = await load(`
openapi: 3.1.0
info: { title: Events, version: '2' }
webhooks:
  newPet:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Pet', description: the new pet }
      responses: { '200': { description: ok } }
components:
  schemas:
    Pet: { type: [object, 'null'], properties: { id: { type: integer, exclusiveMinimum: 0 } }, nullable: true }
`);
    expect(errorsOf(source)).toEqual([]);
    expect(source.service?.operations).toEqual([]);
    expect(source.service?.webhooks.map((w) => [w.id, w.method, w.path])).toEqual([
      ['POST newPet', 'POST', '/'],
    ]);
    expect(source.service?.webhooks[0]?.requestBody?.contents[0]?.schema).toEqual({
      description: 'the new pet',
      $ref: '#/components/schemas/Pet',
    });
    expect(source.service?.schemas).toEqual({
      Pet: {
        type: ['object', 'null'],
        properties: { id: { type: 'integer', exclusiveMinimum: 0 } },
        nullable: true,
      },
    });
  });
});

describe('loadOpenApi: bad input', () => {
  it('reports every unresolved $ref with its pointer and line, and still loads the rest', async () => {
    const source = await load(`
openapi: 3.0.0
info: { title: Broken, version: '1' }
paths:
  /a:
    get:
      parameters:
        - $ref: '#/components/parameters/Nope'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: 'missing.yaml#/Thing' }
`);
    expect(source.service?.operations.length).toBe(1);
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.path, d.location?.line])).toEqual([
      ['GAUNTLET_E_REF_UNRESOLVED', 'error', '/paths/~1a/get/parameters/0/$ref', 8],
      [
        'GAUNTLET_E_REF_UNRESOLVED',
        'error',
        '/paths/~1a/get/responses/200/content/application~1json/schema/$ref',
        14,
      ],
    ]);
    expect(source.diagnostics[0]?.message).toBe(
      'Failed to resolve $ref "#/components/parameters/Nope" at specs/api.yaml:8: because nothing exists at "#/components/parameters/Nope" in this document. Point the $ref at an existing definition.',
    );
    expect(source.diagnostics[1]?.message).toContain(
      'the file specs/missing.yaml could not be read (ENOENT',
    );
  });

  it('returns no service when paths has the wrong type, and still lists the missing info', async () => {
    const source = await load(`
openapi: 3.0.0
paths: [not, a, map]
`);
    expect(source.service).toBeUndefined();
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.path, d.location?.line])).toEqual([
      ['GAUNTLET_W_SPEC_LENIENT', 'warning', '', 2],
      ['GAUNTLET_E_SPEC_INVALID', 'error', '/paths', 3],
    ]);
  });

  it('rejects versions it does not read', async () => {
    const source = await load(`openapi: 4.0.0\ninfo: { title: X, version: '1' }\npaths: {}\n`);
    expect(source.service).toBeUndefined();
    expect(source.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['GAUNTLET_E_SPEC_INVALID', '/openapi'],
    ]);
  });
});

describe('loadOpenApi: documents without info load as Prism loads them, with a warning', () => {
  const paths = `paths:
  /things/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        '200':
          description: one thing
          content: { application/json: { example: { id: 1 } } }
`;
  it.each([
    ['OpenAPI 3.0', 'openapi: 3.0.2', 'openapi-3.0'],
    ['OpenAPI 3.1', 'openapi: 3.1.0', 'openapi-3.1'],
  ])('%s without info: the service is named after the file', async (_name, head, format) => {
    const source = await load(`${head}\n${paths}`);
    expect(source.format).toBe(format);
    expect(source.service?.name).toBe('api');
    expect(source.service?.operations.map((o) => `${o.method} ${o.path}`)).toEqual([
      'GET /things/{id}',
    ]);
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.location?.line])).toEqual([
      ['GAUNTLET_W_SPEC_LENIENT', 'warning', 1],
    ]);
    expect(source.diagnostics[0]?.message).toContain('the required `info` object is missing');
  });

  it('Swagger 2.0 without info, and without response descriptions', async () => {
    const source = await load(`swagger: '2.0'
paths:
  /things:
    get:
      produces: [application/json]
      responses:
        200:
          schema: { type: object, required: [id], properties: { id: { type: integer } } }
`);
    expect(source.format).toBe('swagger-2.0');
    expect(source.service?.operations).toHaveLength(1);
    expect(source.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['GAUNTLET_W_SPEC_LENIENT', 'warning'],
    ]);
  });

  it('info without title or version: named after the file, one warning each', async () => {
    const source = await load(`openapi: 3.0.0\ninfo: { description: d }\n${paths}`);
    expect(source.service?.name).toBe('api');
    expect(source.service?.description).toBe('d');
    expect(source.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['GAUNTLET_W_SPEC_LENIENT', '/info/title'],
      ['GAUNTLET_W_SPEC_LENIENT', '/info'],
    ]);
  });
});
