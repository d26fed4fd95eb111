/**
 * Diagnostic codes the mock engine puts in problem+json `diagnostics[]` and in AfterResponse
 * warnings. Stable: clients and tests switch on them.
 */
export const MOCK_CODES = {
  routeNotFound: 'mock.route.not-found',
  methodNotAllowed: 'mock.route.method-not-allowed',
  paramMissing: 'mock.request.param.missing',
  paramInvalid: 'mock.request.param.invalid',
  bodyMissing: 'mock.request.body.missing',
  bodyInvalid: 'mock.request.body.invalid',
  bodyMalformed: 'mock.request.body.malformed',
  contentTypeUnsupported: 'mock.request.content-type.unsupported',
  securityMissing: 'mock.request.security.missing',
  requestInvalid: 'mock.request.invalid',
  notAcceptable: 'mock.response.not-acceptable',
  preferUnknownCode: 'mock.prefer.code.unknown',
  preferInvalid: 'mock.prefer.invalid',
  preferUnknownExample: 'mock.prefer.example.unknown',
  noResponse: 'mock.response.none',
  exampleInvalid: 'mock.example.invalid',
  callbackUnresolved: 'mock.callback.unresolved',
  internal: 'mock.internal',
} as const;
