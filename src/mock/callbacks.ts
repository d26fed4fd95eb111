/**
 * OpenAPI callbacks of one operation: the requests the mock sends after answering (`after`
 * entries the HTTP adapter fires), their URLs expanded from runtime expressions of the request
 * and the response.
 */

import { essence } from '../http/media-type.js';
import type { HttpOperation, Service } from '../model/index.js';
import { fakeValue } from '../schema/fake.js';
import { hashString, seededRandom } from '../util/random.js';
import { safeDecode } from '../util/text.js';
import { MOCK_CODES } from './codes.js';

import { parseBody } from './request-body.js';
import { headerOf, type RequestInfo, type RequestParts } from './request-info.js';
import { encodeBody, headerValue, type Variant } from './responses.js';
import { type ExpressionContext, expandTemplate } from './runtime-expression.js';
import type { AfterResponse } from './types.js';

interface CompiledCallback {
  name: string;
  expression: string;
  method: string;
  headers: Array<[string, string]>;
  body?: Uint8Array;
}

/** One operation's callbacks; their requests are built on first use (or warm-up). */
export class OperationCallbacks {
  private readonly operation: HttpOperation;
  private readonly service: Service;
  private readonly seed: number;
  private compiled: CompiledCallback[] | undefined;
  /** Whether the operation declares any callback request at all. */
  readonly present: boolean;

  constructor(service: Service, operation: HttpOperation, seed: number) {
    this.operation = operation;
    this.service = service;
    this.seed = seed;
    this.present = operation.callbacks.some((c) => c.operations.length > 0);
  }

  /** Builds the callback requests now instead of on the first request. */
  warm(): void {
    if (this.present) this.compiled ??= this.compile();
  }

  private compile(): CompiledCallback[] {
    const out: CompiledCallback[] = [];
    for (const callback of this.operation.callbacks) {
      for (const op of callback.operations) {
        const headers: Array<[string, string]> = [];
        let body: Uint8Array | undefined;
        const content = op.requestBody?.contents[0];
        if (content) {
          const type = content.mediaType.includes('*') ? 'application/json' : content.mediaType;
          headers.push(['Content-Type', type]);
          const example = content.examples.find((e) => e.value !== undefined);
          let value = example?.value;
          if (value === undefined && content.schema !== undefined) {
            try {
              value = fakeValue(
                content.schema,
                this.service.schemas,
                seededRandom(hashString(`${this.seed}|${this.operation.id}|${callback.name}`)),
              );
            } catch {
              value = undefined;
            }
          }
          if (value !== undefined) body = encodeBody(value, essence(type));
        }
        for (const parameter of op.parameters) {
          if (parameter.in !== 'header' || !parameter.required) continue;
          const example = parameter.examples.find((e) => e.value !== undefined);
          if (example) headers.push([parameter.name, headerValue(example.value)]);
        }
        out.push({
          name: callback.name,
          expression: callback.expression,
          method: op.method,
          headers,
          ...(body ? { body } : {}),
        });
      }
    }
    return out;
  }

  /** Adds one `callback` entry to `after` per callback (a warning for an unresolvable URL). */
  resolve(
    info: RequestInfo,
    variant: Variant,
    requestBodyValue: unknown,
    parts: RequestParts,
    after: AfterResponse[],
  ): void {
    const request = info.request;
    let parsedBody: unknown = requestBodyValue;
    let bodyParsed = requestBodyValue !== undefined;
    const context: ExpressionContext = {
      url: info.url(),
      method: request.method,
      statusCode: variant.status,
      requestHeader: (name) => headerOf(request.headers, name),
      requestQuery: (name) => parts.query().find(([k]) => k === name)?.[1],
      requestPath: (name) => {
        const raw = info.pathParams[name];
        return raw === undefined ? undefined : safeDecode(raw);
      },
      requestBody: () => {
        if (!bodyParsed && request.body && request.body.length > 0) {
          bodyParsed = true;
          const parsed = parseBody(
            request.body,
            headerOf(request.headers, 'content-type') ?? 'application/json',
          );
          parsedBody = parsed.ok ? parsed.value : undefined;
        }
        return parsedBody;
      },
      responseHeader: (name) => variant.headers.find(([n]) => n.toLowerCase() === name)?.[1],
      responseBody: () => variant.value,
    };
    this.compiled ??= this.compile();
    for (const callback of this.compiled) {
      const url = expandTemplate(callback.expression, context);
      if (!url.ok) {
        after.push({
          kind: 'warning',
          code: MOCK_CODES.callbackUnresolved,
          message: `Failed to resolve the callback "${callback.name}" of ${this.operation.id}: because ${url.reason}. Send the value the expression ${callback.expression} reads.`,
        });
        continue;
      }
      after.push({
        kind: 'callback',
        name: callback.name,
        method: callback.method,
        url: url.value,
        headers: callback.headers,
        ...(callback.body ? { body: callback.body } : {}),
      });
    }
  }
}
