import type { Middleware } from 'openapi-fetch';
import { ClientCallError, type ValidationIssue } from './client-call-error.js';
import type { ResilientClientOptions, ResponseValidators, StandaloneValidator } from './options.js';

function pickValidator(
  byStatus: Readonly<Record<string, StandaloneValidator>> | undefined,
  status: number,
): StandaloneValidator | undefined {
  if (byStatus === undefined) return undefined;
  return byStatus[String(status)] ?? byStatus[`${String(status)[0]}XX`] ?? byStatus.default;
}

/**
 * Checks JSON responses with the client's compiled validators: 'off' does nothing, 'warn'
 * reports a mismatch through onValidationError (default console.warn), 'throw' rejects the call.
 */
export function validationMiddleware(
  options: ResilientClientOptions,
  validators: ResponseValidators,
): Middleware {
  const mode = options.validateResponses ?? 'off';
  const report =
    options.onValidationError ??
    // biome-ignore lint/style/noRestrictedGlobals: the runtime runs inside the user's app, where a warning on the console is the documented default.
    ((error: ClientCallError) => console.warn(error.message));
  return {
    async onResponse({ request, response, schemaPath }) {
      if (mode === 'off') return undefined;
      const validate = pickValidator(
        validators[`${request.method.toUpperCase()} ${schemaPath}`],
        response.status,
      );
      const type = response.headers.get('content-type') ?? '';
      if (validate === undefined || !/[/+]json\b/i.test(type)) return undefined;
      const text = await response.clone().text();
      if (text === '') return undefined;
      let issues: ValidationIssue[];
      try {
        const body: unknown = JSON.parse(text);
        issues = validate(body)
          ? []
          : (validate.errors ?? []).map((e) => ({
              path: e.instancePath,
              message: e.message ?? 'is invalid',
            }));
      } catch {
        issues = [{ path: '', message: 'is not valid JSON' }];
      }
      if (issues.length === 0) return undefined;
      const listed = issues.map((i) => `${i.path || '(body)'} ${i.message}`).join('; ');
      const error = new ClientCallError(
        'invalid-response',
        `Failed to accept the answer of ${request.method} ${schemaPath} (${response.status}): because it does not match the contract: ${listed}. Check the service against its contract.`,
        { issues },
      );
      if (mode === 'throw') throw error;
      report(error);
      return undefined;
    },
  };
}
