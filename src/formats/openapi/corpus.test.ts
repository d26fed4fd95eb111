import { readdir, readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LoadedSource, pointer } from '../../model/index.js';
import { loadSource } from '../load-source.js';

const corpus = resolve(process.cwd(), '../shared/corpus');
const FOLDERS = [
  'openapi-examples/examples/v2.0',
  'openapi-examples/examples/v3.0',
  'openapi-examples/examples/v3.1',
  'openapi-examples/tests/v3.1/pass',
  'openapi-examples/tests/v3.1/fail',
  'specs',
];
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Files that are pieces of another contract (schemas and parameters its `$ref`s point at). */
const FRAGMENTS = /petstore-separate\/(common\/Error|spec\/(NewPet|Pet|parameters))\.(json|yaml)$/;

/** The `fail` cases and the errors (code, pointer) each must be rejected with. */
const REJECTED: Record<string, Array<[string, string]>> = {
  'openapi-examples/tests/v3.1/fail/invalid_schema_types.yaml': [
    ['GAUNTLET_E_SPEC_INVALID', '/components/schemas/invalid_null'],
    ['GAUNTLET_E_SPEC_INVALID', '/components/schemas/invalid_number'],
    ['GAUNTLET_E_SPEC_INVALID', '/components/schemas/invalid_array'],
  ],
  'openapi-examples/tests/v3.1/fail/no_containers.yaml': [['GAUNTLET_E_SPEC_INVALID', '']],
  'openapi-examples/tests/v3.1/fail/server_enum_empty.yaml': [
    ['GAUNTLET_E_SPEC_INVALID', '/servers/0/variables/var'],
  ],
  'openapi-examples/tests/v3.1/fail/servers.yaml': [['GAUNTLET_E_SPEC_INVALID', '/servers']],
  'openapi-examples/tests/v3.1/fail/unknown_container.yaml': [
    ['GAUNTLET_E_SPEC_INVALID', ''],
    ['GAUNTLET_E_SPEC_INVALID', '/overlays'],
  ],
};

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

const files = (await Promise.all(FOLDERS.map((f) => walk(`${corpus}/${f}`)))).flat();

async function load(file: string): Promise<LoadedSource> {
  const text = await readFile(file, 'utf8');
  return loadSource(file, text, { readFile: (path) => readFile(path, 'utf8'), discovered: true });
}

/** Counts the operations a path-item map declares, straight from the raw document. */
function countOperations(raw: Record<string, unknown>, key: string): number {
  const items = raw[key];
  if (typeof items !== 'object' || items === null) return 0;
  let count = 0;
  for (let item of Object.values(items)) {
    const ref = (item as { $ref?: unknown } | null)?.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      item = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, token) => (node as Record<string, unknown>)[token], raw);
    }
    if (typeof item === 'object' && item !== null)
      count += Object.keys(item).filter((k) => METHODS.has(k)).length;
  }
  return count;
}

describe('OpenAPI corpus', () => {
  it('finds the corpus files', () => {
    expect(files.length).toBe(64);
  });

  for (const file of files) {
    const name = relative(corpus, file);
    if (FRAGMENTS.test(name)) {
      it(`${name}: is skipped as a fragment, not a contract`, async () => {
        const source = await load(file);
        expect(source.diagnostics).toEqual([]);
        expect(source.skipped).toMatch(/^not a contract: /);
      });
    } else if (name in REJECTED) {
      it(`${name}: is rejected with located errors`, async () => {
        const source = await load(file);
        const errors = source.diagnostics.filter((d) => d.severity === 'error');
        expect(errors.map((d) => [d.code, d.path])).toEqual(REJECTED[name]);
        for (const error of errors) expect(error.location?.line).toBeGreaterThan(0);
      });
    } else {
      it(`${name}: loads without errors, with every operation`, async () => {
        const source = await load(file);
        expect(source.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const service = source.service;
        expect(service).toBeDefined();
        const raw = (await import('yaml')).parse(await readFile(file, 'utf8')) as Record<
          string,
          unknown
        >;
        expect(service?.operations.length).toBe(countOperations(raw, 'paths'));
        expect(service?.webhooks.length).toBe(countOperations(raw, 'webhooks'));
        for (const op of service?.operations ?? []) {
          expect(op.source?.line).toBeGreaterThan(0);
          expect(op.source?.pointer).toBe(pointer('paths', op.path, op.method.toLowerCase()));
        }
      });
    }
  }
});

describe('OpenAPI corpus: spot checks', () => {
  it('twilio (2.0): formData becomes a urlencoded body', async () => {
    const source = await load(`${corpus}/specs/twilio/swagger.yaml`);
    const create = source.service?.operations.find(
      (o) => o.id === 'POST /Accounts/{AccountSid}/Messages{mediaTypeExtension}',
    );
    expect(create?.requestBody?.contents.map((c) => c.mediaType)).toEqual([
      'application/x-www-form-urlencoded',
    ]);
    const schema = create?.requestBody?.contents[0]?.schema as { required?: string[] };
    expect(schema.required).toEqual(['To']);
    expect(create?.responses[0]?.contents).toEqual([]);
    expect(create?.responses[1]?.contents).toEqual([
      {
        mediaType: 'application/xml',
        schema: { $ref: '#/components/schemas/message' },
        examples: [],
      },
    ]);
    expect(source.service?.servers).toEqual([{ url: 'https://api.twilio.com/2010-04-01' }]);
  });

  it('adyen transfer notifications (3.1): a webhooks-only document', async () => {
    const source = await load(`${corpus}/specs/adyen/BalancePlatformTransferNotification-v4.yaml`);
    expect(source.service?.operations).toEqual([]);
    expect(source.service?.webhooks.map((w) => w.id)).toEqual([
      'post-balancePlatform.transfer.created',
      'post-balancePlatform.transfer.updated',
    ]);
  });

  it('nexmo (3.0): callbacks keyed by runtime expressions; x-webhooks kept as an extension', async () => {
    const source = await load(`${corpus}/specs/nexmo/sms.yml`);
    const send = source.service?.operations.find((o) => o.id === 'send-an-sms');
    expect(
      send?.callbacks.map((c) => [c.name, c.expression, c.operations.map((o) => o.id)]),
    ).toEqual([['delivery-receipt', '{$request.body#/callback}', ['delivery-receipt']]]);
    expect(Object.keys(source.service?.extensions ?? {})).toEqual(['x-webhooks', 'x-errors']);
  });

  it('petstore-separate (2.0): external schema files become named schemas', async () => {
    const source = await load(
      `${corpus}/openapi-examples/examples/v2.0/yaml/petstore-separate/spec/swagger.yaml`,
    );
    expect(Object.keys(source.service?.schemas ?? {}).sort()).toEqual(['Error', 'NewPet', 'Pet']);
    expect(source.service?.schemas.NewPet).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/Pet' }, {}],
    });
  });
});
