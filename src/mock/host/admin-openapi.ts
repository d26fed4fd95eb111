import type { JsonSchemaObject } from '../../model/index.js';
import { ADMIN_PREFIX, SESSION_HEADER } from './types.js';

/**
 * The admin API's contract: an OpenAPI 3.1 document, served at `/__gauntlet/openapi.json`. The
 * schemas mirror src/mock/host/types.ts (the one TypeScript definition); the host validates
 * request bodies against them and a test validates live answers against them.
 */

const ref = (name: string): JsonSchemaObject => ({ $ref: `#/components/schemas/${name}` });
const stringMap: JsonSchemaObject = { type: 'object', additionalProperties: { type: 'string' } };

const requestPatternProperties: Record<string, JsonSchemaObject> = {
  method: { type: 'string', description: 'Case-insensitive HTTP method.' },
  path: {
    type: 'string',
    description: 'Exact path, or a glob: `*` within one segment, `**` across segments.',
  },
  query: { ...stringMap, description: 'Query parameters that must have exactly this value.' },
  headers: {
    ...stringMap,
    description: 'Headers (case-insensitive names) with exactly this value.',
  },
  session: { type: 'string', description: `The \`${SESSION_HEADER}\` header the request carried.` },
};

export const ADMIN_SCHEMAS: Record<string, JsonSchemaObject> = {
  RequestPattern: {
    type: 'object',
    additionalProperties: false,
    properties: requestPatternProperties,
  },
  CountRequest: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...requestPatternProperties,
      matched: {
        type: 'boolean',
        description: 'true: answered requests only; false: misses only.',
      },
    },
  },
  CountResult: {
    type: 'object',
    required: ['count'],
    additionalProperties: false,
    properties: { count: { type: 'integer', minimum: 0 } },
  },
  MatchRef: {
    type: 'object',
    required: ['source'],
    additionalProperties: false,
    properties: {
      source: {
        enum: ['operation', 'interaction', 'pair', 'contract', 'scenario', 'stub'],
      },
      service: { type: 'string' },
      id: { type: 'string' },
    },
  },
  NearMiss: {
    type: 'object',
    required: ['source', 'name', 'score', 'reasons'],
    additionalProperties: false,
    properties: {
      source: { enum: ['operation', 'pact', 'hoverfly', 'scenario', 'stub'] },
      service: { type: 'string' },
      name: { type: 'string' },
      score: { type: 'number' },
      reasons: { type: 'array', items: { type: 'string' } },
    },
  },
  JournalEntry: {
    type: 'object',
    required: [
      'seq',
      'time',
      'method',
      'path',
      'query',
      'headers',
      'bodySize',
      'status',
      'durationMs',
    ],
    additionalProperties: false,
    properties: {
      seq: { type: 'integer', minimum: 1 },
      time: { type: 'string', format: 'date-time' },
      method: { type: 'string' },
      path: { type: 'string' },
      query: { type: 'string' },
      headers: {
        type: 'object',
        additionalProperties: {
          anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
        },
      },
      bodySize: { type: 'integer', minimum: 0 },
      session: { type: 'string' },
      matched: ref('MatchRef'),
      nearMisses: { type: 'array', items: ref('NearMiss') },
      status: { type: 'integer' },
      durationMs: { type: 'number', minimum: 0 },
      delayMs: { type: 'number', minimum: 0 },
    },
  },
  JournalPage: {
    type: 'object',
    required: ['entries', 'total', 'capacity', 'recorded'],
    additionalProperties: false,
    properties: {
      entries: { type: 'array', items: ref('JournalEntry') },
      total: { type: 'integer', minimum: 0 },
      capacity: { type: 'integer', minimum: 1 },
      recorded: { type: 'integer', minimum: 0 },
    },
  },
  ClearResult: {
    type: 'object',
    required: ['cleared'],
    additionalProperties: false,
    properties: { cleared: { type: 'integer', minimum: 0 } },
  },
  StubResponse: {
    type: 'object',
    required: ['status'],
    additionalProperties: false,
    properties: {
      status: { type: 'integer', minimum: 100, maximum: 599 },
      headers: stringMap,
      body: { description: 'A string is sent as is; other JSON values are serialised.' },
      delayMs: { type: 'number', minimum: 0, maximum: 600000 },
    },
  },
  StubInput: {
    type: 'object',
    required: ['request', 'response'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 200 },
      request: ref('RequestPattern'),
      response: ref('StubResponse'),
      priority: { type: 'integer' },
    },
  },
  RuntimeStub: {
    type: 'object',
    required: ['id', 'request', 'response', 'priority', 'hits'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      request: ref('RequestPattern'),
      response: ref('StubResponse'),
      priority: { type: 'integer' },
      hits: { type: 'integer', minimum: 0 },
    },
  },
  StubList: {
    type: 'object',
    required: ['stubs'],
    additionalProperties: false,
    properties: { stubs: { type: 'array', items: ref('RuntimeStub') } },
  },
  RemovedResult: {
    type: 'object',
    required: ['removed'],
    additionalProperties: false,
    properties: { removed: { type: 'integer', minimum: 0 } },
  },
  ServiceSummary: {
    type: 'object',
    required: [
      'name',
      'title',
      'format',
      'file',
      'basePath',
      'port',
      'operations',
      'interactions',
      'pairs',
      'messages',
    ],
    additionalProperties: false,
    properties: {
      name: { type: 'string' },
      title: { type: 'string' },
      format: { type: 'string' },
      file: { type: 'string' },
      basePath: { type: 'string' },
      port: { type: 'integer', minimum: 0 },
      operations: { type: 'integer', minimum: 0 },
      interactions: { type: 'integer', minimum: 0 },
      pairs: { type: 'integer', minimum: 0 },
      messages: { type: 'integer', minimum: 0 },
    },
  },
  ServiceList: {
    type: 'object',
    required: ['services'],
    additionalProperties: false,
    properties: { services: { type: 'array', items: ref('ServiceSummary') } },
  },
  RouteSummary: {
    type: 'object',
    required: ['source', 'id'],
    additionalProperties: false,
    properties: {
      source: { enum: ['operation', 'interaction', 'pair', 'message'] },
      id: { type: 'string' },
      method: { type: 'string' },
      path: { type: 'string' },
    },
  },
  RoutesPage: {
    type: 'object',
    required: ['services', 'stubs'],
    additionalProperties: false,
    properties: {
      services: {
        type: 'array',
        items: {
          type: 'object',
          required: ['service', 'basePath', 'routes'],
          additionalProperties: false,
          properties: {
            service: { type: 'string' },
            basePath: { type: 'string' },
            routes: { type: 'array', items: ref('RouteSummary') },
          },
        },
      },
      stubs: { type: 'array', items: ref('RuntimeStub') },
    },
  },
  ScenarioList: {
    type: 'object',
    required: ['scenarios'],
    additionalProperties: false,
    properties: {
      scenarios: { type: 'array', items: ref('ScenarioSummary') },
    },
  },
  ScenarioSummary: {
    type: 'object',
    required: ['name', 'states', 'initialState', 'sessions', 'stubs'],
    additionalProperties: false,
    properties: {
      name: { type: 'string' },
      states: { type: 'array', items: { type: 'string' } },
      initialState: { type: 'string' },
      sessions: {
        type: 'object',
        description: 'Session → current state, for every session that touched the scenario.',
        additionalProperties: { type: 'string' },
      },
      stubs: { type: 'integer', minimum: 0 },
    },
  },
  ScenarioStateInput: {
    type: 'object',
    required: ['state'],
    additionalProperties: false,
    properties: { state: { type: 'string' }, session: { type: 'string' } },
  },
  ResetOptions: {
    type: 'object',
    additionalProperties: false,
    properties: {
      session: { type: 'string' },
      state: { type: 'boolean', default: true },
      journal: { type: 'boolean', default: true },
      stubs: { type: 'boolean', default: false },
    },
  },
  ResetResult: {
    type: 'object',
    required: ['state', 'journalCleared', 'stubsRemoved'],
    additionalProperties: false,
    properties: {
      state: { type: 'boolean' },
      journalCleared: { type: 'integer', minimum: 0 },
      stubsRemoved: { type: 'integer', minimum: 0 },
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'services', 'journal', 'stubs', 'reloads'],
    additionalProperties: false,
    properties: {
      status: { const: 'ok' },
      services: { type: 'integer', minimum: 0 },
      journal: {
        type: 'object',
        required: ['size', 'capacity', 'recorded'],
        additionalProperties: false,
        properties: {
          size: { type: 'integer', minimum: 0 },
          capacity: { type: 'integer', minimum: 1 },
          recorded: { type: 'integer', minimum: 0 },
        },
      },
      stubs: { type: 'integer', minimum: 0 },
      reloads: { type: 'integer', minimum: 0 },
    },
  },
  Diagnostic: {
    type: 'object',
    required: ['code', 'severity', 'message'],
    properties: {
      code: { type: 'string' },
      severity: { enum: ['error', 'warning', 'info'] },
      message: { type: 'string' },
      path: { type: 'string' },
    },
  },
  Problem: {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'diagnostics'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      diagnostics: { type: 'array', items: ref('Diagnostic') },
      nearMisses: { type: 'array', items: ref('NearMiss') },
    },
  },
};

function json(schema: string, description: string): Record<string, unknown> {
  return { description, content: { 'application/json': { schema: ref(schema) } } };
}

const problems = {
  '400': {
    description: 'The request body or a parameter is not what the operation takes.',
    content: { 'application/problem+json': { schema: ref('Problem') } },
  },
  '401': {
    description: 'A token is configured and the request did not carry it.',
    content: { 'application/problem+json': { schema: ref('Problem') } },
  },
};

const query = (name: string, schema: JsonSchemaObject, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const body = (schema: string) => ({
  required: true,
  content: { 'application/json': { schema: ref(schema) } },
});

/**
 * The OpenAPI 3.1 document of the admin API.
 *
 * @example
 * const res = await fetch(`${mock.url}/__gauntlet/openapi.json`); // this document
 */
export const ADMIN_OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Gauntlet mock admin API',
    version: '1.0.0',
    description:
      'Inspect and steer a running Gauntlet mock: services, routes, scenarios, the request journal, runtime stubs, resets. Loopback-only by default; a bearer token is required when the mock is exposed.',
  },
  servers: [{ url: '/' }],
  security: [{}, { adminToken: [] }],
  paths: {
    [`${ADMIN_PREFIX}/health`]: {
      get: {
        operationId: 'health',
        responses: { '200': json('Health', 'The mock is up.'), ...problems },
      },
    },
    [`${ADMIN_PREFIX}/services`]: {
      get: {
        operationId: 'listServices',
        responses: { '200': json('ServiceList', 'Every service served.'), ...problems },
      },
    },
    [`${ADMIN_PREFIX}/routes`]: {
      get: {
        operationId: 'listRoutes',
        responses: {
          '200': json('RoutesPage', 'Operations, interactions, pairs and runtime stubs.'),
          ...problems,
        },
      },
    },
    [`${ADMIN_PREFIX}/scenarios`]: {
      get: {
        operationId: 'listScenarios',
        responses: { '200': json('ScenarioList', 'The stateful scenarios.'), ...problems },
      },
    },
    [`${ADMIN_PREFIX}/scenarios/{name}/state`]: {
      put: {
        operationId: 'setScenarioState',
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: body('ScenarioStateInput'),
        responses: {
          '200': json('ScenarioSummary', 'The scenario, now in that state for the session.'),
          '404': {
            description: 'No scenario has this name, or it has no such state.',
            content: { 'application/problem+json': { schema: ref('Problem') } },
          },
          ...problems,
        },
      },
    },
    [`${ADMIN_PREFIX}/journal`]: {
      get: {
        operationId: 'readJournal',
        parameters: [
          query('method', { type: 'string' }, 'Only requests with this method.'),
          query('path', { type: 'string' }, 'Exact path or glob (`*`, `**`).'),
          query('session', { type: 'string' }, 'Only requests of this session.'),
          query('matched', { type: 'boolean' }, 'true: answered only; false: misses only.'),
          query('limit', { type: 'integer', minimum: 0 }, 'At most this many, newest first.'),
          query('since', { type: 'integer', minimum: 0 }, 'Only entries with a higher seq.'),
        ],
        responses: { '200': json('JournalPage', 'Journaled requests, newest first.'), ...problems },
      },
      delete: {
        operationId: 'clearJournal',
        parameters: [query('session', { type: 'string' }, 'Only this session’s entries.')],
        responses: { '200': json('ClearResult', 'How many entries were removed.'), ...problems },
      },
    },
    [`${ADMIN_PREFIX}/journal/count`]: {
      post: {
        operationId: 'countRequests',
        requestBody: body('CountRequest'),
        responses: { '200': json('CountResult', 'Requests in the journal matching.'), ...problems },
      },
    },
    [`${ADMIN_PREFIX}/reset`]: {
      post: {
        operationId: 'reset',
        requestBody: {
          required: false,
          content: { 'application/json': { schema: ref('ResetOptions') } },
        },
        responses: { '200': json('ResetResult', 'What was reset.'), ...problems },
      },
    },
    [`${ADMIN_PREFIX}/stubs`]: {
      get: {
        operationId: 'listStubs',
        responses: {
          '200': json('StubList', 'Runtime stubs, in the order they are tried.'),
          ...problems,
        },
      },
      post: {
        operationId: 'addStub',
        requestBody: body('StubInput'),
        responses: { '201': json('RuntimeStub', 'The stub, with its id.'), ...problems },
      },
      delete: {
        operationId: 'clearStubs',
        responses: { '200': json('RemovedResult', 'How many stubs were removed.'), ...problems },
      },
    },
    [`${ADMIN_PREFIX}/stubs/{id}`]: {
      delete: {
        operationId: 'removeStub',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': json('RemovedResult', 'The stub was removed.'),
          '404': {
            description: 'No stub has this id.',
            content: { 'application/problem+json': { schema: ref('Problem') } },
          },
          ...problems,
        },
      },
    },
    [`${ADMIN_PREFIX}/openapi.json`]: {
      get: {
        operationId: 'openapi',
        responses: {
          '200': {
            description: 'This document.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: ADMIN_SCHEMAS,
    securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } },
  },
};
