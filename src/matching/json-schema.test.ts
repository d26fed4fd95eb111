import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from './json-schema.js';

const schemas = {
  Pet: {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string' },
      id: { type: 'integer', format: 'int64' },
      parent: { $ref: '#/components/schemas/Pet' },
    },
  },
  Node: {
    type: 'object',
    properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
    additionalProperties: false,
  },
  Animal: {
    type: 'object',
    required: ['kind'],
    properties: { kind: { type: 'string' } },
    discriminator: { propertyName: 'kind', mapping: { dog: '#/components/schemas/Pet' } },
  },
};

describe('createSchemaCompiler', () => {
  it('resolves named schema refs, including circular ones', () => {
    const compiler = createSchemaCompiler(schemas);
    const check = compiler.compile({ $ref: '#/components/schemas/Pet' });
    expect(check({ name: 'Rex', parent: { name: 'Old Rex' } })).toEqual([]);
    expect(check({ name: 'Rex', parent: { id: 1 } })).toEqual([
      { path: '/parent', keyword: 'required', message: "must have required property 'name'" },
    ]);
    const tree = compiler.compile({ type: 'array', items: { $ref: '#/components/schemas/Node' } });
    expect(tree([{ children: [{ children: [] }] }])).toEqual([]);
    expect(tree([{ children: [{ extra: 1 }] }])).toEqual([
      {
        path: '/0/children/0',
        keyword: 'additionalProperties',
        message: "must NOT have additional property 'extra'",
      },
    ]);
  });

  it('reports every error with JSON pointer paths', () => {
    const check = createSchemaCompiler({}).compile({
      type: 'object',
      required: ['a', 'b'],
      properties: { 'x/y': { type: 'string' }, e: { enum: ['on', 'off'] } },
    });
    expect(check({ 'x/y': 3, e: 'up' })).toEqual([
      { path: '', keyword: 'required', message: "must have required property 'a'" },
      { path: '', keyword: 'required', message: "must have required property 'b'" },
      { path: '/x~1y', keyword: 'type', message: 'must be string' },
      { path: '/e', keyword: 'enum', message: 'must be one of "on", "off"' },
    ]);
  });

  it('knows the OpenAPI formats', () => {
    const compiler = createSchemaCompiler({});
    const int32 = compiler.compile({ type: 'integer', format: 'int32' });
    expect(int32(2147483647)).toEqual([]);
    expect(int32(2147483648)).toEqual([
      { path: '', keyword: 'format', message: 'must match format "int32"' },
    ]);
    const byte = compiler.compile({ type: 'string', format: 'byte' });
    expect(byte('aGVsbG8=')).toEqual([]);
    expect(byte('not base64!')).toEqual([
      { path: '', keyword: 'format', message: 'must match format "byte"' },
    ]);
    for (const format of ['int64', 'float', 'double']) {
      expect(compiler.compile({ type: 'number', format })(1.5)).toEqual(
        format === 'int64'
          ? [{ path: '', keyword: 'format', message: 'must match format "int64"' }]
          : [],
      );
    }
    for (const format of ['binary', 'password', 'email']) {
      const check = compiler.compile({ type: 'string', format });
      expect(check('a@b.example')).toEqual([]);
    }
    expect(compiler.compile({ type: 'string', format: 'date-time' })('yesterday')).toEqual([
      { path: '', keyword: 'format', message: 'must match format "date-time"' },
    ]);
  });

  it('treats discriminator and unknown keywords as annotations', () => {
    const check = createSchemaCompiler(schemas).compile({
      $ref: '#/components/schemas/Animal',
      'x-internal': true,
      example: { kind: 'dog' },
    });
    expect(check({ kind: 'dog' })).toEqual([]);
    expect(check({})).toEqual([
      { path: '', keyword: 'required', message: "must have required property 'kind'" },
    ]);
  });

  it('caches validators by schema identity and by content', () => {
    const compiler = createSchemaCompiler(schemas);
    const schema = { type: 'string' };
    expect(compiler.compile(schema)).toBe(compiler.compile(schema));
    expect(compiler.compile({ type: 'string' })).toBe(compiler.compile(schema));
    expect(compiler.compile({ type: 'integer' })).not.toBe(compiler.compile(schema));
    // Every operation's own `{$ref}` object shares the named schema's one validator.
    const pet = compiler.compile({ $ref: '#/components/schemas/Pet' });
    expect(compiler.compile({ $ref: '#/components/schemas/Pet', description: 'a pet' })).toBe(pet);
    expect(compiler.compile({ $ref: '#/components/schemas/Pet', required: ['id'] })).not.toBe(pet);
  });

  it('resolves refs to names that need escaping and into a named schema', () => {
    const odd = {
      'pets/Pet': { type: 'object', properties: { id: { type: 'integer' } } },
      'My Pet #1': { $ref: '#/components/schemas/pets~1Pet' },
      'Ünïcode~x': { type: 'string', minLength: 2 },
      Never: false,
    };
    const compiler = createSchemaCompiler(odd);
    const mine = compiler.compile({ $ref: '#/components/schemas/My Pet #1' });
    expect(mine({ id: 1 })).toEqual([]);
    expect(mine({ id: 'x' })).toEqual([
      { path: '/id', keyword: 'type', message: 'must be integer' },
    ]);
    const id = compiler.compile({ $ref: '#/components/schemas/pets~1Pet/properties/id' });
    expect(id('1')).toEqual([{ path: '', keyword: 'type', message: 'must be integer' }]);
    const list = compiler.compile({
      type: 'array',
      items: { $ref: '#/components/schemas/Ünïcode~0x' },
    });
    expect(list(['ab', 'c'])).toEqual([
      { path: '/1', keyword: 'minLength', message: 'must NOT have fewer than 2 characters' },
    ]);
    expect(compiler.compile({ $ref: '#/components/schemas/Never' })(1)).toEqual([
      { path: '', keyword: 'false schema', message: 'boolean schema is false' },
    ]);
  });

  it('checks a bare $ref with the named schema, and sibling keywords as well', () => {
    const compiler = createSchemaCompiler(schemas);
    expect(compiler.compile({ $ref: '#/components/schemas/Pet' })({ name: 'Rex' })).toEqual([]);
    expect(
      compiler.compile({ $ref: '#/components/schemas/Pet', required: ['id'] })({ name: 'Rex' }),
    ).toEqual([{ path: '', keyword: 'required', message: "must have required property 'id'" }]);
    expect(compiler.compile({ $ref: '#/components/schemas/Missing' })(1)).toEqual([
      {
        path: '',
        keyword: 'schema',
        message: expect.stringMatching(/^cannot be checked: the schema does not compile/),
      },
    ]);
  });

  it('handles boolean schemas and null types', () => {
    const compiler = createSchemaCompiler({});
    expect(compiler.compile(true)(42)).toEqual([]);
    expect(compiler.compile(false)(42)).toEqual([
      { path: '', keyword: 'false schema', message: 'no value is allowed here' },
    ]);
    const nullable = compiler.compile({ type: ['string', 'null'] });
    expect(nullable(null)).toEqual([]);
    expect(nullable(1)).toEqual([{ path: '', keyword: 'type', message: 'must be string,null' }]);
  });

  it('accepts non-unicode OpenAPI patterns and ignores a declared $schema', () => {
    const check = createSchemaCompiler({}).compile({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'string',
      pattern: '^[a-z\\-]+$',
    });
    expect(check('a-b')).toEqual([]);
    expect(check('A')).toEqual([
      { path: '', keyword: 'pattern', message: 'must match pattern "^[a-z\\-]+$"' },
    ]);
  });

  it('reports a schema that does not compile instead of throwing', () => {
    const check = createSchemaCompiler({}).compile({ $ref: '#/components/schemas/Missing' });
    const issues = check({});
    expect(issues).toHaveLength(1);
    expect(issues[0]?.keyword).toBe('schema');
    expect(issues[0]?.message).toMatch(
      /^cannot be checked: the schema does not compile \(.*Missing/,
    );
  });
});

describe('createSchemaCompiler on large graphs of named schemas', () => {
  // Every schema reaches every other (as the resources of a large API do), and one of them cannot
  // be compiled: a value that never reaches it is checked without compiling it.
  const graph = {
    Account: {
      type: 'object',
      required: ['id'],
      properties: {
        id: { type: 'string' },
        owner: { anyOf: [{ type: 'string' }, { $ref: '#/components/schemas/Customer' }] },
      },
    },
    Customer: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        account: { $ref: '#/components/schemas/Account' },
        legacy: { $ref: '#/components/schemas/Broken' },
      },
    },
    Broken: { type: 'string', pattern: '([' },
  };

  it('compiles a referenced schema when a value first reaches it, with the same paths and messages', () => {
    const check = createSchemaCompiler(graph).compile({ $ref: '#/components/schemas/Account' });
    expect(check({ id: 'a1', owner: 'c1' })).toEqual([]);
    expect(check({ id: 'a1', owner: { name: 'Ann', account: { id: 2 } } })).toEqual([
      { path: '/owner', keyword: 'type', message: 'must be string' },
      { path: '/owner/account/id', keyword: 'type', message: 'must be string' },
      { path: '/owner', keyword: 'anyOf', message: 'must match a schema in anyOf' },
    ]);
  });

  it('reports a schema that does not compile once a value reaches it, and from then on', () => {
    const check = createSchemaCompiler(graph).compile({ $ref: '#/components/schemas/Account' });
    expect(check({ id: 'a1', owner: { name: 'Ann' } })).toEqual([]);
    const broken = [
      {
        path: '',
        keyword: 'schema',
        message: expect.stringMatching(/^cannot be checked: the schema does not compile/),
      },
    ];
    expect(check({ id: 'a1', owner: { name: 'Ann', legacy: 'x' } })).toEqual(broken);
    expect(check({ id: 'a1' })).toEqual(broken);
  });

  it('sees through references where unevaluatedProperties needs it', () => {
    const schemas = {
      Base: { type: 'object', properties: { a: { type: 'integer' } } },
      Closed: {
        allOf: [{ $ref: '#/components/schemas/Base' }],
        properties: { b: { type: 'integer' } },
        unevaluatedProperties: false,
      },
    };
    const check = createSchemaCompiler(schemas).compile({ $ref: '#/components/schemas/Closed' });
    expect(check({ a: 1, b: 2 })).toEqual([]);
    expect(check({ a: 1, c: 3 })).toEqual([
      {
        path: '',
        keyword: 'unevaluatedProperties',
        message: 'must NOT have unevaluated properties',
      },
    ]);
  });
});
