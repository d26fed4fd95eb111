import { describe, expect, it } from 'vitest';
import { loadPets } from '../test-service-for-tests.js';
import { generateClient } from './generate-client.js';
import { generateValidators } from './generate-validators.js';

describe('generateClient', () => {
  it('writes the four files of a client library, and no runtime of its own', async () => {
    const client = await generateClient(await loadPets(), { source: 'pets.yaml' });
    expect(client.factory).toEqual('createPetStoreClient');
    expect(client.files.map((f) => f.path)).toEqual([
      'index.ts',
      'schema.ts',
      'validators.d.ts',
      'validators.js',
    ]);
    expect(client.diagnostics).toEqual([]);
  });

  it('imports the behaviour from the gauntlet/client-runtime module of the package', async () => {
    const client = await generateClient(await loadPets(), { source: 'pets.yaml' });
    const imports = client.files.flatMap((file) =>
      [...file.text.matchAll(/ from '([^']+)';/g)].map((m) => `${file.path}: ${m[1]}`),
    );
    expect(imports).toEqual([
      'index.ts: gauntlet/client-runtime',
      'index.ts: ./schema.js',
      'index.ts: ./validators.js',
      'index.ts: gauntlet/client-runtime',
      'index.ts: ./schema.js',
      'validators.d.ts: gauntlet/client-runtime',
      'validators.js: gauntlet/client-runtime',
    ]);
  });

  it('defaults the base URL to the first absolute server, variables filled in', async () => {
    const client = await generateClient(await loadPets(), { source: 'pets.yaml' });
    const index = client.files.find((f) => f.path === 'index.ts')!.text;
    expect(index).toContain("export const PET_STORE_BASE_URL = 'https://eu.pets.test/v2';");
    expect(index).toContain('export type PetStoreClientOptions = ResilientClientOptions;');
  });

  it('requires a base URL when the contract has no absolute server', async () => {
    const service = { ...(await loadPets()), servers: [{ url: '/v2' }] };
    const client = await generateClient(service, { source: 'pets.yaml', name: 'Pets' });
    const index = client.files.find((f) => f.path === 'index.ts')!.text;
    expect(index).toContain(
      'export type PetsClientOptions = ResilientClientOptions & { baseUrl: string };',
    );
    expect(index).toContain(
      'export function createPetsClient(options: PetsClientOptions): PetsClient {',
    );
  });

  // Regression: openapi-typescript edits discriminator schemas of the document it is given, and
  // the document shared its schemas with the model, so a second generation differed.
  it('leaves the model untouched, so generating twice gives the same bytes', async () => {
    const service = await loadPets();
    const before = JSON.stringify(service);
    const first = await generateClient(service, { source: 'pets.yaml' });
    expect(JSON.stringify(service)).toEqual(before);
    const second = await generateClient(service, { source: 'pets.yaml' });
    expect(second.files).toEqual(first.files);
  });

  it('leaves validators out when asked', async () => {
    const client = await generateClient(await loadPets(), {
      source: 'pets.yaml',
      validators: false,
    });
    const js = client.files.find((f) => f.path === 'validators.js')!.text;
    expect(js.split('\n').slice(3).join('\n').trim()).toEqual('export const validators = {};');
  });
});

describe('generateValidators', () => {
  it('embeds one schema per distinct JSON response schema and maps operations to them', async () => {
    const { code, count, diagnostics } = generateValidators(await loadPets());
    // Pet (200 and 201 share it); the problem+json 404 schema is a second one.
    expect(count).toEqual(2);
    expect(diagnostics).toEqual([]);
    expect(code).toContain(
      'export const validators = embeddedValidators(schemas, {\n  "GET /pets/{petId}": { "200": v0, "404": v1 },\n  "POST /pets": { "201": v0 },\n});',
    );
    expect(code).not.toContain('require(');
  });

  it('embeds the named schemas the responses reach, without their annotations', async () => {
    const service = await loadPets();
    const { code } = generateValidators(service);
    const schemas = /^const schemas = (\{[\s\S]*?\n\});$/m.exec(code)?.[1];
    const embedded = new Function(`return ${schemas}`)() as Record<string, unknown>;
    expect(Object.keys(embedded).sort()).toEqual(
      Object.keys(service.schemas)
        .filter((name) => code.includes(`"#/components/schemas/${name}"`))
        .sort(),
    );
    // The fixture's schemas carry descriptions and examples; none of them is embedded.
    const annotations = JSON.stringify(service.schemas).match(/"(?:description|example)":"[^"]+"/g);
    expect(annotations?.length).toBeGreaterThan(0);
    for (const annotation of annotations ?? []) expect(code).not.toContain(annotation);
  });

  it('reports a schema ajv cannot compile and leaves that response unvalidated', async () => {
    const service = await loadPets();
    service.operations[0]!.responses[0]!.contents[0]!.schema = { type: 'string', pattern: '(' };
    const { code, diagnostics } = generateValidators(service);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['GAUNTLET_E_GENERATE', 'warning'],
    ]);
    expect(diagnostics[0]!.message).toMatch(
      /^Failed to compile a validator for GET \/pets\/\{petId\} 200: because /,
    );
    expect(code).toContain('"GET /pets/{petId}": { "404": v0 }');
  });
});

describe('client generation on large and odd contracts', () => {
  /** A service whose N responses all reach one recursive named schema, through arrays and refs. */
  async function shared(responses: number) {
    const paths = Array.from(
      { length: responses },
      (_, i) => `  /things${i}:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/Thing' }, minItems: ${i} }`,
    ).join('\n');
    const props = Array.from(
      { length: 30 },
      (_, i) => `        field${i}: { type: string, maxLength: ${i + 1} }`,
    ).join('\n');
    const text = `openapi: 3.1.0\ninfo: { title: Things, version: '1' }\npaths:\n${paths}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      required: [field0]\n      properties:\n        parent: { $ref: '#/components/schemas/Thing' }\n${props}\n`;
    const { loadSource } = await import('../../formats/load-source.js');
    const source = await loadSource('things.yaml', text, {
      readFile: () => Promise.reject(new Error('none')),
    });
    return source.service!;
  }

  it('writes a named schema once, whatever number of responses reach it', async () => {
    const few = generateValidators(await shared(2));
    const many = generateValidators(await shared(40));
    expect([few.count, many.count, many.diagnostics]).toEqual([2, 40, []]);
    // Thing is written once: 38 more responses add only their own small array schemas.
    const perResponse = (many.code.length - few.code.length) / 38;
    expect(perResponse).toBeLessThan(150);
    expect(few.code.match(/"maxLength":30\b/g)?.length).toBe(1);
    expect(many.code.match(/"maxLength":30\b/g)?.length).toBe(1);
  });

  it('generates a client where a oneOf entry is a boolean schema (openapi-typescript walks it with `in`)', async () => {
    const service = await loadPets();
    service.schemas.Meta = { type: 'object', properties: { kind: { type: 'string' } } };
    service.schemas.Pet = {
      type: 'object',
      properties: {
        metadata: {
          oneOf: [true, { $ref: '#/components/schemas/Meta' }],
          discriminator: { propertyName: 'kind' },
        },
      },
    };
    const client = await generateClient(service, { source: 'pets.yaml' });
    const schema = client.files.find((f) => f.path === 'schema.ts')?.text ?? '';
    expect(schema).toContain('metadata?: unknown | components["schemas"]["Meta"];');
  });
});
