import { describe, expect, it } from 'vitest';
import { loadSource } from '../formats/load-source.js';
import { createSchemaCompiler } from '../matching/json-schema.js';
import type { Service } from '../model/index.js';
import { type CompileOptions, compile } from './compile.js';
import type { HeaderMap, MockEngine, MockResponse } from './types.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

async function load(doc: Record<string, unknown>, file = 'api.json'): Promise<Service> {
  const source = await loadSource(file, JSON.stringify(doc), {
    readFile: () => Promise.reject(new Error('no external files in this test')),
  });
  if (!source.service)
    throw new Error(`test contract did not load: ${JSON.stringify(source.diagnostics)}`);
  return source.service;
}

function send(
  engine: MockEngine,
  method: string,
  target: string,
  headers: HeaderMap = {},
  body?: string,
): MockResponse {
  const q = target.indexOf('?');
  return engine.handle({
    method,
    path: q >= 0 ? target.slice(0, q) : target,
    query: q >= 0 ? target.slice(q + 1) : '',
    headers,
    ...(body !== undefined ? { body: encoder.encode(body) } : {}),
  });
}

function json(res: MockResponse): unknown {
  return res.body ? JSON.parse(decoder.decode(res.body)) : undefined;
}

function header(res: MockResponse, name: string): string | undefined {
  return res.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

const pet = {
  type: 'object',
  required: ['id', 'name'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string', minLength: 1 },
    tag: { type: 'string' },
  },
};

const petstore = {
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1' },
  servers: [{ url: 'https://api.example.com/v1' }],
  paths: {
    '/pets': {
      get: {
        operationId: 'listPets',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } },
          {
            name: 'tags',
            in: 'query',
            schema: { type: 'array', items: { type: 'string' } },
            style: 'form',
            explode: false,
          },
          { name: 'X-Trace', in: 'header', schema: { type: 'string', pattern: '^[a-f0-9]+$' } },
          { name: 'session', in: 'cookie', schema: { type: 'integer' } },
        ],
        responses: {
          '200': {
            description: 'pets',
            headers: { 'X-Total': { schema: { type: 'integer' }, example: 2 } },
            content: {
              'application/json': {
                schema: { type: 'array', items: pet },
                examples: {
                  two: {
                    value: [
                      { id: 1, name: 'Rex' },
                      { id: 2, name: 'Tom' },
                    ],
                  },
                  empty: { value: [] },
                },
              },
              'text/csv': { schema: { type: 'string' }, example: 'id,name\n1,Rex\n' },
            },
          },
          '404': {
            description: 'none',
            content: { 'application/json': { example: { message: 'no pets' } } },
          },
        },
      },
      post: {
        operationId: 'createPet',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: pet },
            'application/x-www-form-urlencoded': { schema: pet },
            'multipart/form-data': { schema: pet },
          },
        },
        responses: {
          '201': { description: 'created', content: { 'application/json': { schema: pet } } },
        },
      },
    },
    '/pets/mine': {
      get: {
        operationId: 'myPets',
        responses: {
          '200': {
            description: 'mine',
            content: { 'application/json': { example: { mine: true } } },
          },
        },
      },
    },
    '/pets/{petId}': {
      get: {
        operationId: 'showPet',
        parameters: [
          { name: 'petId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': {
            description: 'pet',
            content: { 'application/json': { schema: pet, example: { id: 7, name: 'Rex' } } },
          },
          '400': {
            description: 'bad',
            content: { 'application/json': { example: { error: 'bad pet id' } } },
          },
        },
      },
      delete: {
        operationId: 'deletePet',
        parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '204': { description: 'gone' } },
      },
    },
  },
};

describe('routing', () => {
  it('prefers a literal segment over a templated one', async () => {
    const engine = compile([await load(petstore)]);
    expect(json(send(engine, 'GET', '/pets/mine'))).toEqual({ mine: true });
    expect(json(send(engine, 'GET', '/pets/7'))).toEqual({ id: 7, name: 'Rex' });
  });

  it('matches with and without the server base path', async () => {
    const engine = compile([await load(petstore)]);
    expect(send(engine, 'GET', '/v1/pets/7').status).toBe(200);
    expect(send(engine, 'GET', '/pets/7').status).toBe(200);
  });

  it('answers 405 with Allow for a known path and an unknown method', async () => {
    const engine = compile([await load(petstore)]);
    const res = send(engine, 'PUT', '/pets/7');
    expect(res.status).toBe(405);
    expect(header(res, 'Allow')).toBe('GET, DELETE');
    expect(header(res, 'Content-Type')).toBe('application/problem+json');
  });

  it('answers 404 problem+json for an unknown path', async () => {
    const engine = compile([await load(petstore)]);
    const res = send(engine, 'GET', '/owners');
    expect(res.status).toBe(404);
    expect(json(res)).toMatchObject({
      status: 404,
      diagnostics: [{ code: 'mock.route.not-found', path: '/path' }],
    });
  });

  it('serves HEAD from GET without a body', async () => {
    const engine = compile([await load(petstore)]);
    const res = send(engine, 'HEAD', '/pets/7');
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
  });
});

describe('request validation', () => {
  it('reports a query parameter of the wrong type with its location', async () => {
    const engine = compile([await load(petstore)]);
    const res = send(engine, 'GET', '/pets?limit=abc');
    expect(res.status).toBe(422);
    expect(json(res)).toMatchObject({
      type: 'https://gauntlet.dev/problems#UNPROCESSABLE_ENTITY',
      status: 422,
      diagnostics: [
        {
          code: 'mock.request.param.invalid',
          severity: 'error',
          message: 'must be integer',
          path: '/query/limit',
        },
      ],
    });
  });

  it('coerces and accepts valid parameters, including a comma-separated array', async () => {
    const engine = compile([await load(petstore)]);
    const res = send(engine, 'GET', '/pets?limit=5&tags=a,b', {
      'x-trace': 'abc123',
      cookie: 'session=42',
    });
    expect(res.status).toBe(200);
  });

  it('validates path, header and cookie parameters', async () => {
    const engine = compile([await load(petstore)]);
    const path = json(send(engine, 'DELETE', '/pets/abc')) as {
      diagnostics: Array<{ path: string }>;
    };
    expect(path.diagnostics.map((d) => d.path)).toEqual(['/path/petId']);
    const res = send(engine, 'GET', '/pets?limit=500', {
      'x-trace': 'XYZ',
      cookie: 'a=1; session=x',
    });
    const body = json(res) as { diagnostics: Array<{ path: string; message: string }> };
    expect(body.diagnostics.map((d) => [d.path, d.message])).toEqual([
      ['/query/limit', 'must be <= 100'],
      ['/header/X-Trace', 'must match pattern "^[a-f0-9]+$"'],
      ['/cookie/session', 'must be integer'],
    ]);
  });

  it('lists every body violation with its location', async () => {
    const engine = compile([await load(petstore)]);
    const res = send(
      engine,
      'POST',
      '/pets',
      { 'content-type': 'application/json' },
      '{"id":"x","name":""}',
    );
    expect(res.status).toBe(422);
    const body = json(res) as { diagnostics: Array<{ code: string; path: string }> };
    expect(body.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['mock.request.body.invalid', '/body/id'],
      ['mock.request.body.invalid', '/body/name'],
    ]);
  });

  it('reports a missing required body', async () => {
    const engine = compile([await load(petstore)]);
    const res = send(engine, 'POST', '/pets', { 'content-type': 'application/json' });
    expect((json(res) as { diagnostics: unknown[] }).diagnostics).toEqual([
      {
        code: 'mock.request.body.missing',
        severity: 'error',
        message: 'createPet requires a request body.',
        path: '/body',
      },
    ]);
  });

  it('validates form-urlencoded and multipart bodies after coercion', async () => {
    const engine = compile([await load(petstore)]);
    const form = send(
      engine,
      'POST',
      '/pets',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'id=3&name=Rex',
    );
    expect(form.status).toBe(201);
    const badForm = send(
      engine,
      'POST',
      '/pets',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'id=three&name=Rex',
    );
    expect(
      (json(badForm) as { diagnostics: Array<{ path: string }> }).diagnostics.map((d) => d.path),
    ).toEqual(['/body/id']);
    const multipart = [
      '--XyZ',
      'Content-Disposition: form-data; name="id"',
      '',
      '9',
      '--XyZ',
      'Content-Disposition: form-data; name="name"',
      '',
      'Fido',
      '--XyZ--',
      '',
    ].join('\r\n');
    expect(
      send(
        engine,
        'POST',
        '/pets',
        { 'content-type': 'multipart/form-data; boundary=XyZ' },
        multipart,
      ).status,
    ).toBe(201);
    const missingName = multipart.replace('name="name"', 'name="nick"');
    const bad = send(
      engine,
      'POST',
      '/pets',
      { 'content-type': 'multipart/form-data; boundary=XyZ' },
      missingName,
    );
    expect(bad.status).toBe(422);
  });

  it('answers 400 problem+json for malformed JSON', async () => {
    const engine = compile([await load(petstore)]);
    const res = send(engine, 'POST', '/pets', { 'content-type': 'application/json' }, '{"id":');
    expect(res.status).toBe(400);
    expect(json(res)).toMatchObject({
      status: 400,
      diagnostics: [{ code: 'mock.request.body.malformed', path: '/body' }],
    });
  });

  it('answers 415 for a Content-Type the operation does not accept', async () => {
    const engine = compile([await load(petstore)]);
    expect(send(engine, 'POST', '/pets', { 'content-type': 'text/plain' }, 'hi').status).toBe(415);
  });

  it("uses the operation's own 400 response when the contract defines one", async () => {
    const engine = compile([await load(petstore)]);
    const res = send(engine, 'GET', '/pets/0');
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ error: 'bad pet id' });
  });

  it("'warn' answers normally and adds a warning; 'off' does not check", async () => {
    const service = await load(petstore);
    const warn = send(compile([service], { validateRequests: 'warn' }), 'GET', '/pets/0');
    expect(warn.status).toBe(200);
    expect(warn.after).toEqual([
      {
        kind: 'warning',
        code: 'mock.request.invalid',
        message: 'The request to showPet is invalid: /path/petId must be >= 1.',
      },
    ]);
    const off = send(compile([service], { validateRequests: 'off' }), 'GET', '/pets/0');
    expect(off.status).toBe(200);
    expect(off.after).toBeUndefined();
  });
});

describe('security', () => {
  const secured = {
    openapi: '3.1.0',
    info: { title: 'Secured', version: '1' },
    components: {
      securitySchemes: {
        key: { type: 'apiKey', in: 'query', name: 'api_key' },
        basic: { type: 'http', scheme: 'basic' },
        token: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ key: [] }, { basic: [] }],
    paths: {
      '/a': { get: { responses: { '200': { description: 'ok' } } } },
      '/b': { get: { security: [{ token: [] }], responses: { '200': { description: 'ok' } } } },
      '/open': { get: { security: [], responses: { '200': { description: 'ok' } } } },
    },
  };

  it('answers 401 with WWW-Authenticate when no alternative is satisfied', async () => {
    const engine = compile([await load(secured)]);
    const res = send(engine, 'GET', '/a');
    expect(res.status).toBe(401);
    expect(header(res, 'WWW-Authenticate')).toBe(
      'apiKey realm="*", name="api_key", in="query", Basic realm="*"',
    );
    expect(send(engine, 'GET', '/a?api_key=x').status).toBe(200);
    expect(send(engine, 'GET', '/a', { authorization: 'Basic dTpw' }).status).toBe(200);
    expect(send(engine, 'GET', '/b', { authorization: 'Basic dTpw' }).status).toBe(401);
    expect(send(engine, 'GET', '/b', { authorization: 'Bearer t' }).status).toBe(200);
    expect(send(engine, 'GET', '/open').status).toBe(200);
  });
});

describe('response selection', () => {
  it('picks the first example of the lowest 2xx, with headers from the contract', async () => {
    const engine = compile([await load(petstore)]);
    const res = send(engine, 'GET', '/pets');
    expect(res.status).toBe(200);
    expect(res.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Total', '2'],
    ]);
    expect(json(res)).toEqual([
      { id: 1, name: 'Rex' },
      { id: 2, name: 'Tom' },
    ]);
  });

  it('negotiates on Accept with q-values and answers 406 when nothing fits', async () => {
    const engine = compile([await load(petstore)]);
    const csv = send(engine, 'GET', '/pets', { accept: 'application/json;q=0.5, text/csv' });
    expect(header(csv, 'Content-Type')).toBe('text/csv');
    expect(decoder.decode(csv.body)).toBe('id,name\n1,Rex\n');
    expect(header(send(engine, 'GET', '/pets', { accept: 'text/*' }), 'Content-Type')).toBe(
      'text/csv',
    );
    const none = send(engine, 'GET', '/pets', { accept: 'application/xml' });
    expect(none.status).toBe(406);
    expect(header(none, 'Content-Type')).toBe('application/problem+json');
  });

  it('honours Prefer code, example and dynamic', async () => {
    const engine = compile([await load(petstore)], { seed: 3 });
    const notFound = send(engine, 'GET', '/pets', { prefer: 'code=404' });
    expect([notFound.status, json(notFound)]).toEqual([404, { message: 'no pets' }]);
    expect(json(send(engine, 'GET', '/pets', { prefer: 'example=empty' }))).toEqual([]);
    expect(send(engine, 'GET', '/pets', { prefer: 'example=nope' }).status).toBe(404);
    expect(send(engine, 'GET', '/pets', { prefer: 'code=418' }).status).toBe(404);
    const dynamic = json(send(engine, 'GET', '/pets/7', { prefer: 'dynamic=true' }));
    expect(dynamic).not.toEqual({ id: 7, name: 'Rex' });
    const validate = createSchemaCompiler({}).compile(pet);
    expect(validate(dynamic)).toEqual([]);
  });

  it('generates a body from the schema, the same for the same seed, valid against the schema', async () => {
    const service = await load(petstore);
    const a = json(
      send(
        compile([service], { seed: 42 }),
        'POST',
        '/pets',
        { 'content-type': 'application/json' },
        '{"id":1,"name":"a"}',
      ),
    );
    const b = json(
      send(
        compile([service], { seed: 42 }),
        'POST',
        '/pets',
        { 'content-type': 'application/json' },
        '{"id":1,"name":"a"}',
      ),
    );
    const c = json(
      send(
        compile([service], { seed: 43 }),
        'POST',
        '/pets',
        { 'content-type': 'application/json' },
        '{"id":1,"name":"a"}',
      ),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(createSchemaCompiler({}).compile(pet)(a)).toEqual([]);
  });

  it('shares the pre-built bytes of a static answer between requests', async () => {
    const engine = compile([await load(petstore)]);
    expect(send(engine, 'GET', '/pets/7').body).toBe(send(engine, 'GET', '/pets/7').body);
  });

  it('reports an invalid example once, naming the operation and the example', async () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 'Bad', version: '1' },
      paths: {
        '/x': {
          get: {
            operationId: 'getX',
            responses: {
              '200': {
                description: 'x',
                content: {
                  'application/json': {
                    schema: pet,
                    examples: { broken: { value: { id: 'one' } } },
                  },
                },
              },
            },
          },
        },
      },
    };
    const engine = compile([await load(doc)]);
    const first = send(engine, 'GET', '/x');
    expect(first.after).toEqual([
      {
        kind: 'warning',
        code: 'mock.example.invalid',
        message: `The example "broken" of getX (response 200, application/json) does not match its schema: / must have required property 'name'`,
      },
    ]);
    expect(send(engine, 'GET', '/x').after).toBeUndefined();
    expect(
      send(compile([await load(doc)], { validateResponses: false }), 'GET', '/x').after,
    ).toBeUndefined();
  });
});

describe('CORS', () => {
  it('answers a preflight with the allowed methods and echoes the origin on responses', async () => {
    const engine = compile([await load(petstore)]);
    const pre = send(engine, 'OPTIONS', '/pets/7', {
      origin: 'http://app.test',
      'access-control-request-method': 'DELETE',
      'access-control-request-headers': 'x-trace',
    });
    expect(pre.status).toBe(204);
    expect(pre.headers).toEqual([
      ['Access-Control-Allow-Origin', 'http://app.test'],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Allow-Methods', 'GET, DELETE'],
      ['Access-Control-Allow-Headers', 'x-trace'],
      ['Access-Control-Max-Age', '86400'],
      ['Vary', 'Origin'],
    ]);
    const res = send(engine, 'GET', '/pets/7', { origin: 'http://app.test' });
    expect(header(res, 'Access-Control-Allow-Origin')).toBe('http://app.test');
    // The shared header block of the static answer is not modified.
    expect(header(send(engine, 'GET', '/pets/7'), 'Access-Control-Allow-Origin')).toBeUndefined();
  });

  it('can be switched off', async () => {
    const engine = compile([await load(petstore)], { cors: false });
    const pre = send(engine, 'OPTIONS', '/pets/7', {
      origin: 'http://app.test',
      'access-control-request-method': 'GET',
    });
    expect(pre.status).toBe(405);
    expect(
      header(send(engine, 'GET', '/pets/7', { origin: 'http://a' }), 'Access-Control-Allow-Origin'),
    ).toBeUndefined();
  });
});

describe('callbacks', () => {
  const subscriptions = {
    openapi: '3.0.3',
    info: { title: 'Hooks', version: '1' },
    paths: {
      '/subscribe': {
        post: {
          operationId: 'subscribe',
          parameters: [{ name: 'tenant', in: 'query', schema: { type: 'string' } }],
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { callbackUrl: { type: 'string' } } },
              },
            },
          },
          responses: {
            '201': {
              description: 'ok',
              content: { 'application/json': { example: { id: 'sub-1' } } },
            },
          },
          callbacks: {
            onEvent: {
              '{$request.body#/callbackUrl}?tenant={$request.query.tenant}&sub={$response.body#/id}&m={$method}':
                {
                  post: {
                    requestBody: {
                      content: { 'application/json': { example: { event: 'created' } } },
                    },
                    responses: { '200': { description: 'ok' } },
                  },
                },
            },
          },
        },
      },
    },
  };

  it('resolves the callback URL from runtime expressions and carries the example body', async () => {
    const engine = compile([await load(subscriptions)]);
    const res = send(
      engine,
      'POST',
      '/subscribe?tenant=acme',
      { 'content-type': 'application/json' },
      '{"callbackUrl":"http://hook.test/cb"}',
    );
    expect(res.status).toBe(201);
    const [callback] = res.after ?? [];
    expect(callback?.kind).toBe('callback');
    if (callback?.kind !== 'callback') return;
    expect([callback.name, callback.method, callback.url, callback.headers]).toEqual([
      'onEvent',
      'POST',
      'http://hook.test/cb?tenant=acme&sub=sub-1&m=POST',
      [['Content-Type', 'application/json']],
    ]);
    expect(JSON.parse(decoder.decode(callback.body))).toEqual({ event: 'created' });
  });

  it('turns an unresolvable expression into a warning', async () => {
    const engine = compile([await load(subscriptions)]);
    const res = send(engine, 'POST', '/subscribe', { 'content-type': 'application/json' }, '{}');
    expect(res.status).toBe(201);
    expect(res.after).toEqual([
      {
        kind: 'warning',
        code: 'mock.callback.unresolved',
        message:
          'Failed to resolve the callback "onEvent" of subscribe: because $request.body#/callbackUrl has no value in this exchange. Send the value the expression {$request.body#/callbackUrl}?tenant={$request.query.tenant}&sub={$response.body#/id}&m={$method} reads.',
      },
    ]);
  });
});

describe('several services', () => {
  const other = {
    swagger: '2.0',
    info: { title: 'Orders', version: '1' },
    basePath: '/api',
    paths: {
      '/orders': {
        get: {
          responses: {
            '200': { description: 'ok', schema: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
  };

  async function both(options: CompileOptions = {}): Promise<MockEngine> {
    return compile([await load(petstore, 'pets.json'), await load(other, 'orders.json')], options);
  }

  it('mounts each service under its name and lists them on GET /', async () => {
    const engine = await both();
    const pets = await load(petstore, 'pets.json');
    const orders = await load(other, 'orders.json');
    expect(send(engine, 'GET', `/${pets.name}/pets/7`).status).toBe(200);
    expect(send(engine, 'GET', `/${orders.name}/api/orders`).status).toBe(200);
    expect(send(engine, 'GET', '/pets/7').status).toBe(404);
    const listing = send(engine, 'GET', '/', { host: 'localhost:4010' });
    expect(json(listing)).toEqual({
      services: [
        {
          name: pets.name,
          title: 'Pets',
          format: 'openapi-3.0',
          basePath: `/${pets.name}`,
          url: `http://localhost:4010/${pets.name}`,
        },
        {
          name: orders.name,
          title: 'Orders',
          format: 'swagger-2.0',
          basePath: `/${orders.name}`,
          url: `http://localhost:4010/${orders.name}`,
        },
      ],
    });
  });

  it('takes explicit mounts, including the root', async () => {
    const pets = await load(petstore, 'pets.json');
    const orders = await load(other, 'orders.json');
    const engine = compile([pets, orders], { mounts: { [pets.name]: '', [orders.name]: '/shop' } });
    expect(send(engine, 'GET', '/pets/7').status).toBe(200);
    expect(send(engine, 'GET', '/shop/orders').status).toBe(200);
  });
});

describe('services from any format', () => {
  it('serves a hand-built RAML-shaped service with a versioned baseUri', () => {
    const service: Service = {
      name: 'notes',
      title: 'Notes',
      format: 'raml-1.0',
      file: 'notes.raml',
      servers: [
        { url: 'https://api.notes.test/{version}', variables: { version: { default: 'v2' } } },
      ],
      operations: [
        {
          id: 'GET /notes/{id}',
          method: 'GET',
          path: '/notes/{id}',
          tags: [],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, examples: [] },
          ],
          responses: [
            {
              status: '200',
              headers: [],
              contents: [
                {
                  mediaType: 'application/json',
                  examples: [{ name: 'default', value: { id: 1, text: 'hi' } }],
                },
              ],
            },
          ],
          callbacks: [],
        },
      ],
      webhooks: [],
      schemas: {},
      securitySchemes: {},
      security: [],
      interactions: [],
      messages: [],
      diagnostics: [],
    };
    const engine = compile([service]);
    expect(json(send(engine, 'GET', '/v2/notes/1'))).toEqual({ id: 1, text: 'hi' });
    expect(send(engine, 'GET', '/notes/x').status).toBe(422);
  });
});
