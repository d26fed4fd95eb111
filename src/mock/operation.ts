/**
 * One operation, compiled: the coordinator of its request validation (request-validation.ts),
 * response selection (response-selection.ts) and callbacks (callbacks.ts).
 */
import type { SchemaCompiler } from '../matching/json-schema.js';
import type { HttpOperation, Service } from '../model/index.js';
import { OperationCallbacks } from './callbacks.js';
import type { DeferredWork } from './deferred-work.js';
import {
  type EngineState,
  type RequestInfo,
  requestParts,
  type ValidationMode,
} from './request-info.js';
import { RequestValidation } from './request-validation.js';
import { ResponseSelection } from './response-selection.js';
import type { AfterResponse, MockResponse } from './types.js';

export type { EngineState, RequestInfo, ValidationMode } from './request-info.js';
export { headerOf } from './request-info.js';

/** One operation, compiled: validators, response variants, callbacks. */
export class CompiledOperation {
  readonly operation: HttpOperation;
  private readonly validation: RequestValidation;
  private readonly selection: ResponseSelection;
  private readonly callbacks: OperationCallbacks;

  constructor(
    service: Service,
    operation: HttpOperation,
    compiler: SchemaCompiler,
    options: {
      seed: number;
      validateResponses: boolean;
      /** Whether requests are checked at all; 'off' never compiles a request validator. */
      validateRequests?: ValidationMode;
      /** Where to queue the compile work put off until after the server listens. */
      deferred?: DeferredWork;
    },
  ) {
    this.operation = operation;
    this.validation = new RequestValidation(service, operation, compiler);
    this.selection = new ResponseSelection(
      operation,
      {
        operation,
        schemas: service.schemas,
        compiler,
        validateExamples: options.validateResponses,
        seed: options.seed,
      },
      compiler,
      options.validateResponses,
    );
    this.callbacks = new OperationCallbacks(service, operation, options.seed);
    const deferred = options.deferred;
    if (deferred) {
      if ((options.validateRequests ?? 'on') !== 'off') deferred.add(() => this.warmRequest());
      deferred.add(() => this.warmAnswer());
    }
  }

  /** Compiles the request validators now instead of on the first request. */
  warmRequest(): void {
    this.validation.warm();
  }

  /** Builds the default answer (and callbacks) now instead of on the first request. */
  warmAnswer(): void {
    this.selection.warm();
    this.callbacks.warm();
  }

  /** Answers one routed request. */
  handle(info: RequestInfo, state: EngineState): MockResponse {
    const { request } = info;
    const parts = requestParts(request);
    const after: AfterResponse[] = [];
    let requestBodyValue: unknown;

    if (state.mode !== 'off') {
      const verdict = this.validation.validate(info, parts, state.mode, after);
      switch (verdict.kind) {
        case 'unauthorized':
          return this.selection.unauthorized(verdict.message, verdict.challenges, info, parts);
        case 'invalid':
          return this.selection.invalid(verdict.diagnostics, info, parts);
        case 'unsupported':
          return this.selection.unsupported(verdict.response, info, parts);
        case 'refused':
          return verdict.response;
        case 'accepted':
          requestBodyValue = verdict.body;
      }
    }

    const variant = this.selection.select(info, parts, state, after);
    if ('refused' in variant) return variant.refused;
    if (this.callbacks.present && variant.status < 400) {
      this.callbacks.resolve(info, variant, requestBodyValue, parts, after);
    }
    const response: MockResponse = { status: variant.status, headers: variant.headers };
    if (variant.body && !info.headOnly) response.body = variant.body;
    if (after.length > 0) response.after = after;
    return response;
  }
}
