import type { SourceLocation } from './model/diagnostic.js';

/**
 * Every user-facing error code, listed once. `docs/errors.md` documents each one; a test fails
 * when a code is used in src/ but missing here, or listed here but not documented.
 *
 * Codes are stable: never rename one, add a new one instead.
 */
export const ERROR_CODES = {
  GAUNTLET_E_USAGE:
    'The command line was not understood (unknown command, flag or missing argument).',
  GAUNTLET_E_CONFIG:
    'gauntlet.config.ts is missing, invalid, or names something that does not exist.',
  GAUNTLET_E_FILE_NOT_FOUND:
    'A file or folder given on the command line or referenced by a contract does not exist.',
  GAUNTLET_E_FILE_READ: 'A file exists but could not be read.',
  GAUNTLET_E_FORMAT_UNKNOWN:
    'The content is not a recognised contract format (OpenAPI, Swagger, RAML, Pact, Hoverfly, Postman).',
  GAUNTLET_E_SPEC_PARSE: 'The file is not valid JSON or YAML (or RAML) syntax.',
  GAUNTLET_E_SPEC_INVALID:
    'The document parses but breaks its format’s rules (missing required fields, wrong types).',
  GAUNTLET_E_REF_UNRESOLVED: 'A $ref or !include points at something that does not exist.',
  GAUNTLET_E_RAML_CONVERT: 'The RAML document could not be resolved or converted by AMF.',
  GAUNTLET_E_PACT_INVALID: 'A pact file is missing required parts or uses an unknown structure.',
  GAUNTLET_E_HOVERFLY_INVALID:
    'A Hoverfly simulation is missing required parts or uses an unknown structure.',
  GAUNTLET_E_POSTMAN_INVALID:
    'A Postman collection is missing required parts or uses an unknown structure.',
  GAUNTLET_E_POSTMAN_VERSION:
    'A Postman collection is v1 (legacy) or a version Gauntlet does not read (it reads v2.0 and v2.1).',
  GAUNTLET_E_POSTMAN_RUN:
    'newman could not run a Postman collection at all (not JSON, not a collection, a runner crash).',
  GAUNTLET_W_POSTMAN_SKIPPED:
    'Warning: a request or saved response of a Postman collection was left out (no URL, no status code, a method Gauntlet cannot serve); the rest loaded.',
  GAUNTLET_W_PACT_VERSION:
    'Warning: a pact file does not declare its specification version, so it was guessed from its shape.',
  GAUNTLET_W_SPEC_LENIENT:
    'Warning: an OpenAPI document breaks a rule that other OpenAPI tools let pass (e.g. no `info`); it was loaded anyway (`--strict` refuses it).',
  GAUNTLET_W_RAML_LENIENT:
    'Warning: a RAML API or a JSON schema it includes breaks a rule AMF enforces but RAML 0.8 tools let pass; it was loaded leniently (`--strict` refuses it).',
  GAUNTLET_W_HOVERFLY_UPGRADE:
    'Warning: part of an older Hoverfly simulation could not be upgraded to v5.3 and was dropped, or is unknown.',
  GAUNTLET_E_GO_MISSING: 'A tool must be built with `go install`, but no Go toolchain is on PATH.',
  GAUNTLET_E_MAVEN_MISSING:
    'A tool comes from a Maven Central jar (Hoverfly), but `mvn` or a Java runtime is not on PATH.',
  GAUNTLET_E_TOOL_INSTALL:
    'Installing a pinned tool failed (`go install`, or `mvn` fetching the Hoverfly jar, or a checksum that does not match the pin).',
  GAUNTLET_E_TOOL_MISSING:
    'An external program (toxiproxy, hoverfly, vegeta, oasdiff) is needed but not installed.',
  GAUNTLET_E_HOVERFLY_ENGINE:
    'The real Hoverfly (`gauntlet mock --engine hoverfly`) could not be started, or refused a simulation or an admin call.',
  GAUNTLET_E_MOCK_LISTEN:
    'The mock server could not listen on the host and port asked for (port in use, no permission).',
  GAUNTLET_E_SERVICE_START:
    'A service of gauntlet.config.ts could not be started, exited early, or did not pass its health check in time.',
  GAUNTLET_E_SCENARIO_INVALID:
    'A scenario file (scenarios/) could not be read, or its steps do not have the expected shape.',
  GAUNTLET_E_STATES_MODULE:
    'A provider-states module (--states) could not be imported, or its exports have the wrong shape.',
  GAUNTLET_E_VERIFY_REMOTE:
    'Verification was pointed at a non-local base URL without --allow-remote.',
  GAUNTLET_E_PACT_VERIFIER:
    'The Pact core could not run the verification (invalid options, unreachable broker, crash).',
  GAUNTLET_E_MOCK_SCENARIO_INVALID:
    'A mock scenario (mocks/*.yaml or defineScenario) is malformed: unknown fields, bad regex, unknown template helper, missing body file.',
  GAUNTLET_E_MOCK_SCENARIO_STATE:
    'A scenario state change named a scenario or state that does not exist.',
  GAUNTLET_E_GIT_REF:
    'A `<ref>:<path>` spec argument names a git ref or file that is not in the repository.',
  GAUNTLET_E_OASDIFF: 'oasdiff could not compare two specs (invalid spec, crash).',
  GAUNTLET_E_REGISTRY:
    'The contract registry folder could not be read or written, or a record in it is malformed.',
  GAUNTLET_E_BROKER:
    'A Pact Broker request failed (unreachable, authentication refused, unexpected answer).',
  GAUNTLET_E_ADMIN_TOKEN_REQUIRED:
    'The mock binds a non-loopback address, so its admin API needs a token (--admin-token or GAUNTLET_ADMIN_TOKEN).',
  GAUNTLET_E_ADMIN_REQUEST:
    'A call to a mock’s admin API failed: the mock could not be reached, or it refused the call (token, invalid body).',
  GAUNTLET_E_MOCK_RELOAD:
    'A contract changed under `gauntlet mock --watch` and the new version could not be served; the previous one still is.',
  GAUNTLET_E_RECORD_TARGET:
    'The recorder could not reach the target service it forwards to, or the target URL is not an http(s) URL.',
  GAUNTLET_E_RECORD_WRITE: 'The recorder could not write its output file.',
  GAUNTLET_E_EXPORT:
    'A contract cannot be exported in the format asked for (e.g. an OpenAPI contract as a pact), or the output file could not be written.',
  GAUNTLET_E_GENERATE:
    'Code generation (a client or MSW handlers) could not use part of a contract, e.g. a schema ajv cannot compile.',
  GAUNTLET_E_CHAOS_EXPERIMENT:
    'A chaos experiment (chaos/*.yaml|json|ts) does not parse, names an unknown provider, function or proxy, or has a tolerance of the wrong shape.',
  GAUNTLET_E_TOXIPROXY:
    'The Toxiproxy API could not be reached, did not answer in time, or refused a call (its error is quoted).',
  GAUNTLET_E_CONTAINER_ENGINE:
    'No Docker-compatible container engine answers (Docker, or Podman’s API service), or it refused a call.',
  GAUNTLET_E_IMAGE_BUILD:
    'Building one of Gauntlet’s container images failed (the engine’s build, packing Gauntlet, or the offline inputs).',
  GAUNTLET_E_CONTAINER_START:
    'A Gauntlet container (mock, Toxiproxy, Hoverfly) did not start or did not become healthy; it was removed.',
  GAUNTLET_E_LOAD_SUITE:
    'A load suite (perf/*.load.ts) could not be imported, or names an unknown executor, a threshold that does not parse or a metric that does not exist.',
  GAUNTLET_E_LOAD_ENGINE:
    'The load engine could not run: the vegeta engine failed or was asked for a scenario it cannot run.',
  GAUNTLET_E_LOAD_BASELINE: 'A load baseline file (--baseline) could not be read or written.',
  GAUNTLET_E_INTERNAL: 'A bug in Gauntlet: please report it with the command you ran.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface GauntletErrorOptions {
  /** What the user should do next. */
  hint?: string;
  location?: SourceLocation;
  cause?: unknown;
}

/**
 * An error that stops a command and is the user's to fix. The CLI prints
 * `[gauntlet] <message> (<code>)` and the hint, never a stack trace.
 *
 * @example
 * throw new GauntletError('GAUNTLET_E_FILE_NOT_FOUND', 'Failed to read contracts/x.yaml: no such file.', {
 *   hint: 'Check the path, or run `gauntlet inspect contracts/` to list what is there.',
 * });
 */
export class GauntletError extends Error {
  override readonly name = 'GauntletError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;

  constructor(code: ErrorCode, message: string, options: GauntletErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
  }
}

/** True for a GauntletError: an error Gauntlet explains (code, message, hint), not a crash. */
export function isGauntletError(error: unknown): error is GauntletError {
  return error instanceof GauntletError;
}
