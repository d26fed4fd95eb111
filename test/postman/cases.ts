import type { ParityCollection } from '../support/prism-answers.js';

/**
 * Requests sent to each collection under test/postman/collections, first to Prism (the oracle:
 * `npx tsx scripts/record-prism-answers.ts` records its answers in prism-answers.json) and then
 * to Gauntlet's engine (prism-parity.test.ts compares). Each case names the behaviour it pins.
 */
const json = { accept: 'application/json' };
const any = { accept: '*/*' };

export const PARITY_CASES: ParityCollection[] = [
  {
    file: 'routing.postman_collection.json',
    requests: [
      {
        name: 'a literal segment beats a :param',
        method: 'GET',
        url: '/accounts/me',
        headers: any,
      },
      {
        name: 'a :param segment matches any value',
        method: 'GET',
        url: '/accounts/42',
        headers: any,
      },
      { name: 'two :params', method: 'GET', url: '/accounts/42/orders/7', headers: any },
      {
        name: '{{baseUrl}} is the host: its path is not routed',
        method: 'GET',
        url: '/v2/accounts/me',
        headers: any,
      },
      {
        name: 'a {{variable}} segment is replaced by its value',
        method: 'GET',
        url: '/regions/eu/stores',
        headers: any,
      },
      {
        name: 'another value of a resolved variable is not routed',
        method: 'GET',
        url: '/regions/us/stores',
        headers: any,
      },
      {
        name: 'an unresolved {{variable}} segment is literal text',
        method: 'GET',
        url: '/things/7',
        headers: any,
      },
      {
        name: 'an unresolved {{variable}} segment matches its own text',
        method: 'GET',
        url: '/things/%7B%7BthingId%7D%7D',
        headers: any,
      },
      {
        name: 'a :param next to literal segments',
        method: 'GET',
        url: '/reports/2023/summary.csv',
        headers: any,
      },
      {
        name: 'a path nothing declares is a 404 problem',
        method: 'GET',
        url: '/nowhere',
        headers: any,
      },
      {
        name: 'a method the path lacks is a 405 problem',
        method: 'DELETE',
        url: '/accounts/42',
        headers: any,
      },
      { name: 'HEAD of a GET-only path', method: 'HEAD', url: '/accounts/42', headers: any },
      {
        name: 'a CORS preflight',
        method: 'OPTIONS',
        url: '/accounts/42',
        headers: { origin: 'http://app.test', 'access-control-request-method': 'GET' },
      },
      { name: 'a trailing slash', method: 'GET', url: '/accounts/me/', headers: any },
    ],
  },
  {
    file: 'examples.postman_collection.json',
    requests: [
      { name: 'the first 2xx example by default', method: 'GET', url: '/pets/1', headers: json },
      {
        name: 'Prefer code picks the status',
        method: 'GET',
        url: '/pets/1',
        headers: { ...json, prefer: 'code=404' },
      },
      {
        name: 'Prefer code of a 5xx example',
        method: 'GET',
        url: '/pets/1',
        headers: { ...json, prefer: 'code=500' },
      },
      {
        name: 'Prefer code the request does not declare',
        method: 'GET',
        url: '/pets/1',
        headers: { ...json, prefer: 'code=418' },
      },
      {
        name: 'Prefer example=default is the first example',
        method: 'GET',
        url: '/pets/1',
        headers: { ...json, prefer: 'example=default' },
      },
      {
        name: 'Prefer example by the saved response name',
        method: 'GET',
        url: '/pets/1',
        headers: { ...json, prefer: 'example=a cat' },
      },
      {
        name: 'Prefer code and example together',
        method: 'GET',
        url: '/pets/1',
        headers: { ...json, prefer: 'code=404, example=default' },
      },
      {
        name: 'the lowest 2xx, not the first saved',
        method: 'POST',
        url: '/pets',
        headers: { ...json, 'content-type': 'application/json' },
        body: '{"name":"Rex"}',
      },
      {
        name: 'Prefer code=202',
        method: 'POST',
        url: '/pets',
        headers: { ...json, 'content-type': 'application/json', prefer: 'code=202' },
        body: '{"name":"Rex"}',
      },
      {
        name: 'an invalid request answers the saved 422',
        method: 'POST',
        url: '/pets',
        headers: json,
        body: '{"name":"Rex"}',
      },
      { name: 'no 2xx example: the first saved one', method: 'GET', url: '/broken', headers: json },
    ],
  },
  {
    file: 'negotiation.postman_collection.json',
    requests: [
      { name: 'Accept JSON', method: 'GET', url: '/invoices/1', headers: json },
      {
        name: 'Accept XML',
        method: 'GET',
        url: '/invoices/1',
        headers: { accept: 'application/xml' },
      },
      {
        name: 'Accept text with a charset example',
        method: 'GET',
        url: '/invoices/1',
        headers: { accept: 'text/plain' },
      },
      {
        name: 'Accept with q-values',
        method: 'GET',
        url: '/invoices/1',
        headers: { accept: 'application/json;q=0.5, application/xml;q=0.9' },
      },
      { name: 'Accept */*', method: 'GET', url: '/invoices/1', headers: any },
      {
        name: 'Accept a type nothing has: 406',
        method: 'GET',
        url: '/invoices/1',
        headers: { accept: 'application/pdf' },
      },
      { name: 'no Accept header', method: 'GET', url: '/invoices/1' },
      { name: 'Accept image/*', method: 'GET', url: '/logo', headers: { accept: 'image/*' } },
      {
        name: 'Accept application/json for a +json example',
        method: 'GET',
        url: '/vendor',
        headers: json,
      },
    ],
  },
  {
    file: 'auth-inherit.postman_collection.json',
    requests: [
      {
        name: 'collection basic auth: no credentials is 401',
        method: 'GET',
        url: '/profile',
        headers: any,
      },
      {
        name: 'collection basic auth: credentials given',
        method: 'GET',
        url: '/profile',
        headers: { ...any, authorization: 'Basic YW5uOnNlY3JldA==' },
      },
      {
        name: 'basic auth with a token that is not user:password',
        method: 'GET',
        url: '/profile',
        headers: { ...any, authorization: 'Basic bm9wZQ==' },
      },
      {
        name: 'basic auth answered with a bearer token',
        method: 'GET',
        url: '/profile',
        headers: { ...any, authorization: 'Bearer abc' },
      },
      { name: 'noauth on the request turns auth off', method: 'GET', url: '/health', headers: any },
      { name: 'folder bearer auth: no token', method: 'GET', url: '/admin/users', headers: any },
      {
        name: 'folder bearer auth: token given',
        method: 'GET',
        url: '/admin/users',
        headers: { ...any, authorization: 'Bearer t0ken' },
      },
      {
        name: 'request basic auth overrides the folder',
        method: 'GET',
        url: '/admin/audit',
        headers: { ...any, authorization: 'Bearer t0ken' },
      },
    ],
  },
  {
    file: 'auth-keys.postman_collection.json',
    requests: [
      { name: 'API key header missing', method: 'GET', url: '/header', headers: any },
      {
        name: 'API key header given',
        method: 'GET',
        url: '/header',
        headers: { ...any, 'x-api-key': 'k' },
      },
      { name: 'API key query missing', method: 'GET', url: '/query', headers: any },
      { name: 'API key query given', method: 'GET', url: '/query?api_key=k', headers: any },
      { name: 'OAuth 2 token missing', method: 'GET', url: '/oauth', headers: any },
      {
        name: 'OAuth 2 token given',
        method: 'GET',
        url: '/oauth',
        headers: { ...any, authorization: 'Bearer abc' },
      },
      { name: 'OAuth 2 token in the URL missing', method: 'GET', url: '/oauth-url', headers: any },
      {
        name: 'OAuth 2 token in the URL given',
        method: 'GET',
        url: '/oauth-url?access_token=abc',
        headers: any,
      },
      {
        name: 'folder API key inherited through auth: null, missing',
        method: 'GET',
        url: '/partners',
        headers: any,
      },
      {
        name: 'folder API key inherited through auth: null, given',
        method: 'GET',
        url: '/partners',
        headers: { ...any, 'x-partner': 'p' },
      },
    ],
  },
  {
    file: 'bodies.postman_collection.json',
    requests: [
      {
        name: 'JSON body of the example shape',
        method: 'POST',
        url: '/json',
        headers: { ...any, 'content-type': 'application/json' },
        body: '{"name":"Bob","age":41}',
      },
      {
        name: 'JSON body of another type',
        method: 'POST',
        url: '/json',
        headers: { ...any, 'content-type': 'application/json' },
        body: '{"name":1}',
      },
      {
        name: 'malformed JSON',
        method: 'POST',
        url: '/json',
        headers: { ...any, 'content-type': 'application/json' },
        body: '{"name":',
      },
      {
        name: 'a media type the request does not take: 415',
        method: 'POST',
        url: '/json',
        headers: { ...any, 'content-type': 'text/plain' },
        body: 'x',
      },
      {
        name: 'text body',
        method: 'POST',
        url: '/text',
        headers: { ...any, 'content-type': 'text/plain' },
        body: 'hi',
      },
      {
        name: 'urlencoded body',
        method: 'POST',
        url: '/login',
        headers: { ...any, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'user=bob&password=x',
      },
      {
        name: 'urlencoded endpoint sent JSON',
        method: 'POST',
        url: '/login',
        headers: { ...any, 'content-type': 'application/json' },
        body: '{"user":"bob"}',
      },
      { name: 'no body at all', method: 'POST', url: '/login', headers: any },
      {
        name: 'a raw body without a Content-Type header is text/plain',
        method: 'PUT',
        url: '/note',
        headers: { ...any, 'content-type': 'text/plain' },
        body: 'n',
      },
    ],
  },
  {
    file: 'query-headers.postman_collection.json',
    requests: [
      {
        name: 'every query parameter given',
        method: 'GET',
        url: '/search?q=boots&page=2',
        headers: any,
      },
      {
        name: 'a query parameter missing: the saved 400',
        method: 'GET',
        url: '/search?q=boots',
        headers: any,
      },
      {
        name: 'a valueless query parameter is still required',
        method: 'GET',
        url: '/feed',
        headers: any,
      },
      {
        name: 'a valueless query parameter given',
        method: 'GET',
        url: '/feed?since=1',
        headers: any,
      },
      { name: 'a header missing: 422 problem', method: 'GET', url: '/tenant', headers: any },
      {
        name: 'the header given',
        method: 'GET',
        url: '/tenant',
        headers: { ...any, 'x-tenant': 'acme' },
      },
      {
        name: 'another header value',
        method: 'GET',
        url: '/tenant',
        headers: { ...any, 'x-tenant': 'other' },
      },
      {
        name: 'an empty header value is still required',
        method: 'GET',
        url: '/versioned',
        headers: any,
      },
      {
        name: 'disabled query parameters and headers: only the enabled one given',
        method: 'GET',
        url: '/disabled?on=1',
        headers: any,
      },
      {
        name: 'disabled query parameters and headers: all given',
        method: 'GET',
        url: '/disabled?on=1&off=0',
        headers: { ...any, 'x-debug': '1' },
      },
    ],
  },
  {
    file: 'variables.postman_collection.json',
    requests: [
      {
        name: 'variables in scheme, host and path',
        method: 'GET',
        url: '/api/greetings/en',
        headers: any,
      },
      {
        name: 'the unresolved prefix is not routed',
        method: 'GET',
        url: '/%7B%7Bprefix%7D%7D/greetings/en',
        headers: any,
      },
      {
        name: 'a variable in a header and a body',
        method: 'POST',
        url: '/api/echo',
        headers: { ...any, 'content-type': 'application/json' },
        body: '{"msg":"hey"}',
      },
    ],
  },
  {
    file: 'legacy-v2.0.postman_collection.json',
    requests: [
      {
        name: 'v2.0 headers as text lines',
        method: 'GET',
        url: '/items?limit=5',
        headers: { accept: 'application/json', 'x-client': 'tests' },
      },
      {
        name: 'v2.0 headers: one missing',
        method: 'GET',
        url: '/items?limit=5',
        headers: { accept: 'application/json' },
      },
      { name: 'v2.0 basic auth object', method: 'GET', url: '/secret', headers: any },
      {
        name: 'v2.0 basic auth given',
        method: 'GET',
        url: '/secret',
        headers: { ...any, authorization: 'Basic YTpi' },
      },
      {
        name: 'v2.0 API key object',
        method: 'GET',
        url: '/key',
        headers: { ...any, 'x-key': 'v' },
      },
    ],
  },
  {
    file: 'merged.postman_collection.json',
    requests: [
      {
        name: 'merged: a query one request had is optional',
        method: 'GET',
        url: '/orders/o1',
        headers: any,
      },
      {
        name: 'merged: Prefer code from the second request',
        method: 'GET',
        url: '/orders/o1',
        headers: { ...any, prefer: 'code=403' },
      },
      {
        name: 'merged: two 200 examples, the first wins',
        method: 'GET',
        url: '/orders/o1?expand=items',
        headers: any,
      },
      {
        name: 'merged: the 404 of the other spelling',
        method: 'GET',
        url: '/orders/o1',
        headers: { ...any, prefer: 'code=404' },
      },
    ],
  },
  {
    file: 'gaps.postman_collection.json',
    requests: [
      {
        name: 'a request without examples: 500 problem',
        method: 'DELETE',
        url: '/things/1',
        headers: any,
      },
      {
        name: 'a saved response without Content-Type has no body',
        method: 'GET',
        url: '/preview',
        headers: any,
      },
      {
        name: 'saved transport headers are not replayed',
        method: 'GET',
        url: '/things',
        headers: any,
      },
      { name: 'HEAD of a declared HEAD', method: 'HEAD', url: '/things', headers: any },
      {
        name: 'a saved response without a code is left out',
        method: 'GET',
        url: '/nocode',
        headers: any,
      },
    ],
  },
];
