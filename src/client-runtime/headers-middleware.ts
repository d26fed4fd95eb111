import type { Middleware } from 'openapi-fetch';
import type { ResilientClientOptions } from './options.js';
import { nextTraceparent } from './traceparent.js';

/** Adds the client's default headers, the auth headers and a W3C traceparent to each request. */
export function headersMiddleware(options: ResilientClientOptions): Middleware {
  return {
    async onRequest({ request }) {
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      const auth = options.auth === undefined ? undefined : await options.auth();
      if (auth?.user !== undefined) request.headers.set('X-User', auth.user);
      if (auth?.bearer !== undefined) request.headers.set('Authorization', `Bearer ${auth.bearer}`);
      for (const [name, value] of Object.entries(auth?.headers ?? {})) {
        request.headers.set(name, value);
      }
      const trace = options.traceparent;
      if (trace !== false && !request.headers.has('traceparent')) {
        request.headers.set('traceparent', nextTraceparent(trace?.()));
      }
      return request;
    },
  };
}
