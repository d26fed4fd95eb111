import type { ParityCollection } from '../support/prism-answers.js';

/**
 * Requests that pin how an OpenAPI mock answers where Prism documents the behaviour: response
 * selection, the `Prefer` header and its `__code`/`__example`/`__dynamic` query twins, security,
 * request validation and routing. Sent to Prism (`npx tsx scripts/record-prism-answers.ts`
 * records its answers in prism-answers.json) and to Gauntlet's engine (prism-fidelity.test.ts
 * compares). The fixture, fixtures/behaviour.yaml, was written for this suite.
 */
const json = { accept: 'application/json' };
const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
const form = { ...json, 'content-type': 'application/x-www-form-urlencoded' };
const boundary = 'gauntlet-boundary';
const multipart = { ...json, 'content-type': `multipart/form-data; boundary=${boundary}` };
function parts(fields: Record<string, string>): string {
  const body = Object.entries(fields)
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    )
    .join('');
  return `${body}--${boundary}--\r\n`;
}
const note = { ...json, 'content-type': 'application/json' };

export const FIDELITY_CASES: ParityCollection[] = [
  {
    file: 'behaviour.yaml',
    requests: [
      // Response selection without Prefer.
      {
        name: 'only a default response: 200',
        method: 'GET',
        url: '/choice/default-only',
        headers: json,
      },
      {
        name: 'several 2xx: the lowest',
        method: 'GET',
        url: '/choice/several-success',
        headers: json,
      },
      {
        name: 'only 2XX and 4XX: the 2XX as 200',
        method: 'GET',
        url: '/choice/range-only',
        headers: json,
      },
      {
        name: 'no 2xx and no default: the first response',
        method: 'GET',
        url: '/choice/no-success',
        headers: json,
      },
      // Prefer code and its query twin.
      {
        name: 'Prefer code=200',
        method: 'GET',
        url: '/choice/codes',
        headers: { ...json, prefer: 'code=200' },
      },
      {
        name: 'Prefer code=404 from the 4XX range',
        method: 'GET',
        url: '/choice/codes',
        headers: { ...json, prefer: 'code=404' },
      },
      {
        name: 'Prefer code=503 from default',
        method: 'GET',
        url: '/choice/codes',
        headers: { ...json, prefer: 'code=503' },
      },
      {
        name: 'Prefer code=503 without default: 404 problem',
        method: 'GET',
        url: '/choice/no-default',
        headers: { ...json, prefer: 'code=503' },
      },
      {
        name: '__code=404 in the query',
        method: 'GET',
        url: '/choice/codes?__code=404',
        headers: json,
      },
      {
        name: '__code=503 in the query, from default',
        method: 'GET',
        url: '/choice/codes?__code=503',
        headers: json,
      },
      {
        name: '__code=503 without default: 404 problem',
        method: 'GET',
        url: '/choice/no-default?__code=503',
        headers: json,
      },
      {
        name: '__code that is not a status: 422 problem',
        method: 'GET',
        url: '/choice/codes?__code=abc',
        headers: json,
      },
      {
        name: 'Prefer code that is not a status: 422 problem',
        method: 'GET',
        url: '/choice/codes',
        headers: { ...json, prefer: 'code=abc' },
      },
      // Examples.
      { name: 'the first example by default', method: 'GET', url: '/choice/codes', headers: json },
      {
        name: 'Prefer example=second',
        method: 'GET',
        url: '/choice/codes',
        headers: { ...json, prefer: 'example=second' },
      },
      {
        name: '__example=second in the query',
        method: 'GET',
        url: '/choice/codes?__example=second',
        headers: json,
      },
      {
        name: 'Prefer example that does not exist: 404 problem',
        method: 'GET',
        url: '/choice/codes',
        headers: { ...json, prefer: 'example=nope' },
      },
      {
        name: '__example that does not exist: 404 problem',
        method: 'GET',
        url: '/choice/codes?__example=nope',
        headers: json,
      },
      {
        name: '__example where the response has only a schema: 404 problem',
        method: 'GET',
        url: '/choice/no-default?__example=nope',
        headers: json,
      },
      // Dynamic.
      {
        name: '__dynamic=true generates from the schema',
        method: 'GET',
        url: '/choice/no-default?__dynamic=true',
        headers: json,
      },
      {
        name: '__dynamic that is not a boolean: 422 problem',
        method: 'GET',
        url: '/choice/no-default?__dynamic=yes',
        headers: json,
      },
      // Precedence: a Prefer header wins, the query's overrides are then not read.
      {
        name: 'Prefer wins over __code',
        method: 'GET',
        url: '/choice/codes?__code=404',
        headers: { ...json, prefer: 'code=503' },
      },
      {
        name: 'a Prefer header without code hides __code',
        method: 'GET',
        url: '/choice/codes?__code=404',
        headers: { ...json, prefer: 'example=second' },
      },
      {
        name: '__code and __example together',
        method: 'GET',
        url: '/choice/codes?__code=200&__example=second',
        headers: json,
      },
      // Invalid requests: the contract's own error response.
      {
        name: 'an invalid body answers the 4XX range as 422',
        method: 'POST',
        url: '/invalid/range',
        headers: note,
        body: '{"text":""}',
      },
      {
        name: 'an invalid body answers default as 422',
        method: 'POST',
        url: '/invalid/default',
        headers: note,
        body: '{}',
      },
      {
        name: 'an invalid body answers the 400',
        method: 'POST',
        url: '/invalid/bad-request',
        headers: note,
        body: '{}',
      },
      {
        name: 'an unsupported media type answers the contract 415',
        method: 'POST',
        url: '/invalid/unsupported',
        headers: { ...json, 'content-type': 'text/plain' },
        body: 'hello',
      },
      {
        name: 'an unsupported media type answers the 4XX range as 415',
        method: 'POST',
        url: '/invalid/range',
        headers: { ...json, 'content-type': 'text/plain' },
        body: 'hello',
      },
      {
        name: 'an invalid request with Prefer code=422 and an example',
        method: 'POST',
        url: '/invalid/examples',
        headers: { ...note, prefer: 'code=422, example=second' },
        body: '{}',
      },
      {
        name: 'an invalid request with an example but no code: the first',
        method: 'POST',
        url: '/invalid/examples',
        headers: { ...note, prefer: 'example=second' },
        body: '{}',
      },
      {
        name: 'an invalid request with Prefer code=422 and a missing example',
        method: 'POST',
        url: '/invalid/examples',
        headers: { ...note, prefer: 'code=422, example=nope' },
        body: '{}',
      },
      {
        name: 'an invalid request with __code=422 and __example',
        method: 'POST',
        url: '/invalid/examples?__code=422&__example=second',
        headers: note,
        body: '{}',
      },
      {
        name: 'a valid body',
        method: 'POST',
        url: '/invalid/range',
        headers: note,
        body: '{"text":"hi"}',
      },
      // Security.
      { name: 'bearer: no credentials', method: 'GET', url: '/secure/bearer', headers: json },
      {
        name: 'bearer: a Basic credential',
        method: 'GET',
        url: '/secure/bearer',
        headers: { ...json, authorization: basic('ann:secret') },
      },
      {
        name: 'bearer: a token',
        method: 'GET',
        url: '/secure/bearer',
        headers: { ...json, authorization: 'Bearer abc' },
      },
      {
        name: 'bearer: the scheme without a token',
        method: 'GET',
        url: '/secure/bearer',
        headers: { ...json, authorization: 'Bearer' },
      },
      {
        name: 'basic: user and password',
        method: 'GET',
        url: '/secure/basic',
        headers: { ...json, authorization: basic('ann:secret') },
      },
      {
        name: 'basic: not base64 of user:password',
        method: 'GET',
        url: '/secure/basic',
        headers: { ...json, authorization: basic('annsecret') },
      },
      {
        name: 'basic: a Bearer credential',
        method: 'GET',
        url: '/secure/basic',
        headers: { ...json, authorization: 'Bearer abc' },
      },
      {
        name: 'oauth2: a bearer token',
        method: 'GET',
        url: '/secure/oauth',
        headers: { ...json, authorization: 'Bearer abc' },
      },
      {
        name: 'oauth2: another scheme',
        method: 'GET',
        url: '/secure/oauth',
        headers: { ...json, authorization: 'Token abc' },
      },
      { name: 'api key in the query', method: 'GET', url: '/secure/key?api_key=k1', headers: json },
      {
        name: 'api key in the query, empty',
        method: 'GET',
        url: '/secure/key?api_key=',
        headers: json,
      },
      {
        name: 'optional security: no credentials',
        method: 'GET',
        url: '/secure/optional',
        headers: json,
      },
      {
        name: 'optional security: a Bearer token',
        method: 'GET',
        url: '/secure/optional',
        headers: { ...json, authorization: 'Bearer abc' },
      },
      {
        name: 'optional security: a credential of another scheme',
        method: 'GET',
        url: '/secure/optional',
        headers: { ...json, authorization: basic('ann:secret') },
      },
      {
        name: 'refused credentials answer default as 401',
        method: 'GET',
        url: '/secure/default',
        headers: json,
      },
      // Query parameters: allowEmptyValue.
      {
        name: 'every parameter given',
        method: 'GET',
        url: '/search?q=ab&term=x&limit=3',
        headers: json,
      },
      {
        name: 'an empty value where allowEmptyValue is true',
        method: 'GET',
        url: '/search?q=&term=x',
        headers: json,
      },
      {
        name: 'an empty value of a required parameter',
        method: 'GET',
        url: '/search?q=ab&term=',
        headers: json,
      },
      {
        name: 'an empty value of an optional integer',
        method: 'GET',
        url: '/search?q=ab&term=x&limit=',
        headers: json,
      },
      {
        name: 'a value breaking its schema',
        method: 'GET',
        url: '/search?q=ab&term=x&limit=many',
        headers: json,
      },
      // Form bodies.
      {
        name: 'a valid urlencoded body',
        method: 'POST',
        url: '/forms/urlencoded',
        headers: form,
        body: 'name=ann&age=3',
      },
      {
        name: 'an urlencoded body breaking its schema',
        method: 'POST',
        url: '/forms/urlencoded',
        headers: form,
        body: 'name=ann&age=-1',
      },
      {
        name: 'an urlencoded body without a required field',
        method: 'POST',
        url: '/forms/urlencoded',
        headers: form,
        body: 'age=3',
      },
      {
        name: 'reserved characters where allowReserved is false',
        method: 'POST',
        url: '/forms/urlencoded',
        headers: form,
        body: 'name=ann&next=/home?x=1',
      },
      {
        name: 'reserved characters percent-encoded',
        method: 'POST',
        url: '/forms/urlencoded',
        headers: form,
        body: 'name=ann&next=%2Fhome%3Fx%3D1',
      },
      {
        name: 'reserved characters where allowReserved is true',
        method: 'POST',
        url: '/forms/urlencoded',
        headers: form,
        body: 'name=ann&path=/a/b',
      },
      {
        name: 'a delimited array field (explode: false)',
        method: 'POST',
        url: '/forms/urlencoded',
        headers: form,
        body: 'name=ann&tags=a,b',
      },
      {
        name: 'a delimited array field breaking its schema',
        method: 'POST',
        url: '/forms/urlencoded',
        headers: form,
        body: 'name=ann&tags=a,b,c',
      },
      {
        name: 'the commas of a delimited field are no reserved characters',
        method: 'POST',
        url: '/forms/urlencoded',
        headers: form,
        body: 'name=ann&labels=a,b',
      },
      {
        name: 'a valid multipart body',
        method: 'POST',
        url: '/forms/multipart',
        headers: multipart,
        body: parts({ title: 'hi', count: '2' }),
      },
      {
        name: 'a multipart body breaking its schema',
        method: 'POST',
        url: '/forms/multipart',
        headers: multipart,
        body: parts({ title: 'far too long', count: '2' }),
      },
      {
        name: 'a multipart body without a required part',
        method: 'POST',
        url: '/forms/multipart',
        headers: multipart,
        body: parts({ count: '2' }),
      },
      // A body where the operation specifies none.
      {
        name: 'a body where none is specified: 415',
        method: 'POST',
        url: '/bodiless',
        headers: note,
        body: '{"a":1}',
      },
      {
        name: 'a body on a GET: 415',
        method: 'GET',
        url: '/items/7',
        headers: note,
        body: '{"a":1}',
      },
      { name: 'no body where none is specified', method: 'POST', url: '/bodiless', headers: json },
      // Path parameters.
      {
        name: 'a path parameter breaking its schema: 422',
        method: 'GET',
        url: '/items/abc',
        headers: json,
      },
      { name: 'a path parameter within its schema', method: 'GET', url: '/items/7', headers: json },
      {
        name: 'a path parameter outside its enum, next to text: 422',
        method: 'GET',
        url: '/files/report.csv',
        headers: json,
      },
      {
        name: 'a path parameter in its enum, next to text',
        method: 'GET',
        url: '/files/report.json',
        headers: json,
      },
      {
        name: 'a percent-encoded path parameter is decoded',
        method: 'GET',
        url: '/tags/big%20cats',
        headers: json,
      },
      // Deprecation and negotiation.
      { name: 'a deprecated operation says so', method: 'GET', url: '/old', headers: json },
      {
        name: 'Accept picks the media type',
        method: 'GET',
        url: '/text-or-json',
        headers: { accept: 'text/plain' },
      },
      {
        name: 'no Accept: the first media type',
        method: 'GET',
        url: '/text-or-json',
      },
      {
        name: 'Accept nothing offers: 406 problem',
        method: 'GET',
        url: '/text-or-json',
        headers: { accept: 'application/xml' },
      },
      {
        name: 'Prefer code=404 with an Accept the 404 cannot meet',
        method: 'GET',
        url: '/text-or-json',
        headers: { accept: 'text/plain', prefer: 'code=404' },
      },
      // Routing.
      {
        name: 'a percent-encoded literal segment routes decoded',
        method: 'GET',
        url: '/caf%C3%A9',
        headers: json,
      },
      {
        name: 'a percent-encoded colon routes decoded',
        method: 'GET',
        url: '/items%3Abatch',
        headers: json,
      },
      {
        name: 'HEAD where neither HEAD nor GET exists: 405',
        method: 'HEAD',
        url: '/only-post',
        headers: json,
      },
      { name: 'HEAD of a GET-only path', method: 'HEAD', url: '/items/7', headers: json },
    ],
  },
];
