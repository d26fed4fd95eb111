import { describe, expect, it } from 'vitest';
import type { LoadedSource } from '../../model/index.js';
import { loadRaml } from './index.js';

/** An in-memory file system: what `readFile` gets is exactly the path the loader resolved. */
function memoryFiles(files: Record<string, string>) {
  const asked: string[] = [];
  const readFile = async (path: string): Promise<string> => {
    asked.push(path);
    const text = files[path];
    if (text === undefined) throw new Error(`ENOENT: no such file ${path}`);
    return text;
  };
  return { asked, readFile };
}

async function load(file: string, files: Record<string, string>): Promise<LoadedSource> {
  const fs = memoryFiles(files);
  return loadRaml({ file, text: files[file] ?? '', readFile: fs.readFile });
}

const PETS_10 = `#%RAML 1.0
title: Pet Store
version: v1
baseUri: https://api.example.com/{version}
uses:
  lib: ../shared/pets.lib.raml
securitySchemes:
  basic:
    type: Basic Authentication
traits:
  paged:
    queryParameters:
      limit:
        type: integer
        example: 20
securedBy: [basic]
/pets:
  get:
    is: [paged]
    responses:
      200:
        headers:
          X-Total:
            type: integer
            example: 2
        body:
          application/json:
            type: lib.Pet[]
            examples:
              two: !include examples/two-pets.json
              none: []
  post:
    securedBy: [null, basic]
    body:
      application/json:
        type: lib.Pet
        example:
          name: Rex
    responses:
      201:
        body:
          application/json:
            type: lib.Pet
            example: { name: Rex, id: 7 }
`;

const PETS_LIB = `#%RAML 1.0 Library
types:
  Pet:
    type: object
    properties:
      name: string
      id?: integer
`;

describe('loadRaml', () => {
  // The first test pays for starting AMF (1–2 s idle, much more on a busy machine).
  it('loads RAML 1.0 with a library, an !include, a trait and named examples', {
    timeout: 120_000,
  }, async () => {
    const fs = memoryFiles({
      'specs/api.raml': PETS_10,
      'shared/pets.lib.raml': PETS_LIB,
      'specs/examples/two-pets.json': '[{"name": "Rex", "id": 1}, {"name": "Tom", "id": 2}]',
    });
    const source = await loadRaml({ file: 'specs/api.raml', text: PETS_10, readFile: fs.readFile });
    expect(source.diagnostics).toEqual([]);
    expect(fs.asked.sort()).toEqual(['shared/pets.lib.raml', 'specs/examples/two-pets.json']);
    const service = source.service!;
    expect(source.format).toEqual('raml-1.0');
    expect([service.format, service.sourceVersion, service.title, service.name]).toEqual([
      'raml-1.0',
      '1.0',
      'Pet Store',
      'pet-store',
    ]);
    expect(service.servers).toEqual([
      { url: 'https://api.example.com/{version}', variables: { version: { default: 'v1' } } },
    ]);
    expect(service.securitySchemes).toEqual({ basic: { type: 'http', scheme: 'basic' } });
    expect(service.security).toEqual([{ basic: [] }]);

    const list = service.operations.find((op) => op.method === 'GET' && op.path === '/pets')!;
    expect(list.source).toEqual({ file: 'specs/api.raml', line: 18, column: 3 });
    expect(list.security).toEqual([{ basic: [] }]);
    const limit = list.parameters.find((p) => p.name === 'limit')!;
    expect([limit.in, limit.examples]).toEqual(['query', [{ name: 'default', value: 20 }]]);
    const ok = list.responses.find((r) => r.status === '200')!;
    expect(ok.headers.map((h) => [h.name, h.examples])).toEqual([
      ['X-Total', [{ name: 'default', value: 2 }]],
    ]);
    expect(ok.contents.map((c) => [c.mediaType, c.examples])).toEqual([
      [
        'application/json',
        [
          {
            name: 'two',
            value: [
              { name: 'Rex', id: 1 },
              { name: 'Tom', id: 2 },
            ],
          },
          { name: 'none', value: [] },
        ],
      ],
    ]);

    // Each body keeps its own examples, although both use the shared type `lib.Pet`.
    const create = service.operations.find((op) => op.method === 'POST')!;
    expect(create.security).toEqual([{}, { basic: [] }]);
    expect(create.requestBody?.contents.map((c) => c.examples)).toEqual([
      [{ name: 'default', value: { name: 'Rex' } }],
    ]);
    expect(create.responses.map((r) => [r.status, r.contents.map((c) => c.examples)])).toEqual([
      ['201', [[{ name: 'default', value: { name: 'Rex', id: 7 } }]]],
    ]);
  });

  it('loads RAML 0.8 with baseUriParameters, a JSON schema and a string example', async () => {
    const text = `#%RAML 0.8
title: Legacy Orders
baseUri: https://{region}.example.com/api
baseUriParameters:
  region:
    enum: [eu, us]
securitySchemes:
  - oauth:
      type: OAuth 2.0
      settings:
        authorizationUri: https://auth.example.com/authorize
        accessTokenUri: https://auth.example.com/token
        authorizationGrants: [code]
        scopes: [read]
/orders/{id}:
  uriParameters:
    id:
      type: integer
  get:
    securedBy: [oauth: { scopes: [read] }]
    responses:
      200:
        body:
          application/json:
            schema: !include order.schema.json
            example: |
              {"id": 1, "total": 9.5}
          text/xml:
            example: <order id="1"/>
`;
    const source = await load('orders.raml', {
      'orders.raml': text,
      'order.schema.json': '{"type": "object", "properties": {"id": {"type": "integer"}}}',
    });
    expect(source.diagnostics).toEqual([]);
    const service = source.service!;
    expect([source.format, service.format, service.title]).toEqual([
      'raml-0.8',
      'raml-0.8',
      'Legacy Orders',
    ]);
    expect(service.servers).toEqual([
      {
        url: 'https://{region}.example.com/api',
        variables: { region: { default: 'eu', enum: ['eu', 'us'] } },
      },
    ]);
    const get = service.operations[0]!;
    expect([get.method, get.path, get.source]).toEqual([
      'GET',
      '/orders/{id}',
      { file: 'orders.raml', line: 19, column: 3 },
    ]);
    expect(service.securitySchemes).toEqual({
      oauth: {
        type: 'oauth2',
        flows: {
          authorizationCode: {
            authorizationUrl: 'https://auth.example.com/authorize',
            tokenUrl: 'https://auth.example.com/token',
            scopes: { read: '' },
          },
        },
      },
    });
    expect(get.security).toEqual([{ oauth: ['read'] }]);
    expect(get.parameters.map((p) => [p.name, p.in, p.required])).toEqual([['id', 'path', true]]);
    expect(get.responses[0]!.contents.map((c) => [c.mediaType, c.examples])).toEqual([
      ['application/json', [{ name: 'default', value: { id: 1, total: 9.5 } }]],
      ['text/xml', [{ name: 'default', value: '<order id="1"/>' }]],
    ]);
  });

  it('loads RAML 0.8 whose included draft-03 schema lists required properties the draft-04 way', async () => {
    const text = `#%RAML 0.8
title: Library
schemas:
  - book: !include schemas/book.json
/books/{isbn}:
  get:
    responses:
      200:
        body:
          application/json:
            schema: book
`;
    const book = `{
  "$schema": "http://json-schema.org/draft-03/schema#",
  "type": "object",
  "required": ["isbn"],
  "properties": {
    "isbn": { "type": "string" },
    "title": { "type": "string", "required": true },
    "pages": { "type": "integer", "required": false }
  }
}`;
    const source = await load('library.raml', {
      'library.raml': text,
      'schemas/book.json': book,
    });
    expect(
      source.diagnostics.map((d) => [d.code, d.severity, d.location?.file, d.location?.line]),
    ).toEqual([['GAUNTLET_W_RAML_LENIENT', 'warning', 'schemas/book.json', 4]]);
    const content = source.service?.operations[0]?.responses[0]?.contents[0];
    const ref = (content?.schema as { $ref?: string } | undefined)?.$ref ?? '';
    const schema =
      source.service?.schemas[ref.replace('#/components/schemas/', '')] ?? content?.schema;
    // Both ways of saying "required" are kept: the draft-04 list and the draft-03 flag.
    expect((schema as { required?: string[] }).required).toEqual(['isbn', 'title']);
  });

  it('loads RAML 0.8 where AMF expects a YAML map, with a warning at the file and line', async () => {
    const text = `#%RAML 0.8
title: Shapes
schemas:
  - pair: !include pair.json
/pairs:
  get:
    responses:
      200:
        body:
          application/json:
            schema: pair
`;
    const source = await load('shapes.raml', {
      'shapes.raml': text,
      'pair.json': '[{"type": "string"}, {"type": "integer"}]',
    });
    expect(source.service?.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /pairs']);
    expect(
      source.diagnostics.map((d) => [d.code, d.severity, d.location?.file, d.location?.line]),
    ).toEqual([['GAUNTLET_W_RAML_LENIENT', 'warning', 'pair.json', 1]]);
    expect(source.diagnostics[0]?.message).toContain('YAML map expected');
  });

  it('holds RAML 1.0 to AMF: the same draft-03 schema is an error there', async () => {
    const source = await load('library.raml', {
      'library.raml': `#%RAML 1.0
title: Library
types:
  book: !include book.json
/books:
  get:
    responses:
      200:
        body:
          application/json:
            type: book
`,
      'book.json':
        '{"$schema": "http://json-schema.org/draft-03/schema#", "type": "object", "required": ["isbn"], "properties": {"isbn": {"type": "string"}}}',
    });
    expect(source.service).toBeUndefined();
    expect(source.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['GAUNTLET_E_SPEC_INVALID', 'error'],
    ]);
  });

  it('reports a RAML error at its line and column in the user file', async () => {
    const text = `#%RAML 1.0
title: Broken
/things:
  get:
    colour: blue
    responses:
      200:
        body:
          application/json:
            type: integer
`;
    const source = await load('api/broken.raml', { 'api/broken.raml': text });
    expect(source.service).toBeUndefined();
    expect(source.format).toEqual('raml-1.0');
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([
      ['GAUNTLET_E_SPEC_INVALID', 'error', { file: 'api/broken.raml', line: 5, column: 5 }],
    ]);
    expect(source.diagnostics[0]!.message).toMatch(
      /^Failed to load api\/broken\.raml: because api\/broken\.raml:5:5: .+\. Fix the RAML at that place\.$/,
    );
  });

  it('loads an API whose example does not match its type, with a warning at the example', async () => {
    const text = `#%RAML 1.0
title: Loose
/things:
  get:
    responses:
      200:
        body:
          application/json:
            type: integer
            example: not-a-number
`;
    const source = await load('api/loose.raml', { 'api/loose.raml': text });
    expect(source.service?.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['GET /things']);
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([
      ['lint.example.invalid', 'warning', { file: 'api/loose.raml', line: 10, column: 22 }],
    ]);
  });

  it('reports a missing !include as an unresolved reference, once, in the file that names it', async () => {
    const text = `#%RAML 1.0
title: Missing
types:
  Thing: !include types/thing.raml
`;
    const source = await load('main.raml', { 'main.raml': text });
    expect(source.service).toBeUndefined();
    expect(source.diagnostics.map((d) => [d.code, d.location])).toEqual([
      ['GAUNTLET_E_REF_UNRESOLVED', { file: 'main.raml', line: 4, column: 10 }],
    ]);
    expect(source.diagnostics[0]!.message).toContain('cannot read types/thing.raml');
  });

  it('rejects text without a RAML header', async () => {
    const source = await load('x.raml', { 'x.raml': 'title: nope\n' });
    expect(source.diagnostics.map((d) => [d.code, d.location])).toEqual([
      ['GAUNTLET_E_SPEC_PARSE', { file: 'x.raml', line: 1, column: 1 }],
    ]);
  });
});
