import type {
  AMFValidationResult,
  SecurityRequirement as AmfRequirement,
  BaseUnit,
  Content,
  EndPoint,
  Operation,
  ResourceLoader,
} from 'amf-client-js';
import type { Diagnostic, SourceLocation } from '../../model/index.js';
import { stripBom } from '../parse.js';
import type { LoadInput } from '../types.js';
import { amfResultsToDiagnostics, type UrlToUserPath, userPathMapper } from './amf-diagnostics.js';
import { type AmfRuntime, amfRuntime } from './amf-runtime.js';
import { applyExamples, claimExamples, collectExamples, type ExampleClaims } from './examples.js';
import { relaxDraft03Schema } from './lenient-json-schema.js';
import { type MappedSecurity, mapRequirements } from './security.js';
import { hoistServers } from './servers.js';
import { pathToUrl, urlToPath } from './virtual-urls.js';

const RAML_HEADER = /^#%RAML[ \t]+(0\.8|1\.0)[ \t]*([A-Za-z]*)/;

/** What the RAML says about one method that AMF's OpenAPI output does not keep. */
export interface RamlOperationFacts {
  /** Upper-case method. */
  method: string;
  path: string;
  /** Where the method is written (or, for a resource type's method, where AMF placed it). */
  source?: SourceLocation;
  security?: MappedSecurity;
}

export interface RamlConversion {
  /** `1.0` or `0.8`; absent when the text has no RAML header. */
  version?: '1.0' | '0.8';
  /** `Overlay`, `Extension`, or `''` for an API. */
  kind: string;
  /** The OpenAPI 3.0 document, examples and servers repaired; absent on errors. */
  openapi?: Record<string, unknown>;
  title?: string;
  operations: RamlOperationFacts[];
  /** The API-level `securedBy`. */
  security?: MappedSecurity;
  diagnostics: Diagnostic[];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function convertError(file: string, stage: string, error: unknown): Diagnostic {
  return {
    code: 'GAUNTLET_E_RAML_CONVERT',
    severity: 'error',
    message: `Failed to ${stage} ${file}: because AMF stopped with "${errorText(error)}". Check the RAML with the API Designer or report the file to us.`,
    location: { file },
  };
}

/**
 * Serves the main file from memory and every other file through `readFile`. URLs that are not
 * files (remote `!include`s) are refused: loaders never touch the network.
 */
function resourceLoader(
  rt: AmfRuntime,
  input: LoadInput,
  mainUrl: string,
  text: string,
  lenient: Diagnostic[] | undefined,
): ResourceLoader {
  const loader = {
    accepts: () => true,
    fetch: async (url: string): Promise<Content> => {
      if (url === mainUrl) return new rt.amf.Content(text, url);
      const path = urlToPath(url);
      if (path === undefined) {
        throw new Error(`${url} is not a local file, and remote includes are not fetched`);
      }
      let body: string;
      try {
        body = await input.readFile(path);
      } catch (error) {
        throw new Error(`cannot read ${path} (${errorText(error)})`);
      }
      body = stripBom(body);
      if (lenient) {
        const relaxed = relaxDraft03Schema(path, body);
        lenient.push(...relaxed.diagnostics);
        body = relaxed.text;
      }
      return new rt.amf.Content(body, url);
    },
  };
  // AMF wants its own wrapper around a JS loader; passing the object itself fails inside AMF.
  return rt.amf.ResourceLoaderFactory.create(loader) as ResourceLoader;
}

function str(field: { value(): string } | undefined): string | undefined {
  const value = field?.value();
  return value === null || value === undefined || value === '' ? undefined : value;
}

function operationFacts(unit: BaseUnit, toPath: UrlToUserPath): RamlOperationFacts[] {
  const api = (unit as { encodes?: { endPoints?: EndPoint[] } }).encodes;
  const out: RamlOperationFacts[] = [];
  for (const endpoint of api?.endPoints ?? []) {
    for (const op of endpoint.operations as Operation[]) {
      const facts: RamlOperationFacts = {
        method: op.method.value().toUpperCase(),
        path: endpoint.path.value(),
      };
      const range = op.position;
      if (range && !(range.lineFrom === 0 && range.columnFrom === 0)) {
        const where =
          (op as { location?: string }).location ?? (endpoint as { location?: string }).location;
        facts.source = { file: toPath(where), line: range.lineFrom, column: range.columnFrom + 1 };
      }
      if (op.security.length > 0) facts.security = mapRequirements(op.security);
      out.push(facts);
    }
  }
  return out;
}

function hasError(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * RAML → OpenAPI 3.0 through AMF: parse, validate, resolve (traits, resource types, libraries,
 * overlays), convert, render. AMF's OpenAPI output must come from the *resolved* model, or
 * traits and resource types are missing from it.
 */
export async function convertRaml(input: LoadInput): Promise<RamlConversion> {
  const { file } = input;
  const text = stripBom(input.text);
  const header = RAML_HEADER.exec(text);
  if (!header) {
    return {
      kind: '',
      operations: [],
      diagnostics: [
        {
          code: 'GAUNTLET_E_SPEC_PARSE',
          severity: 'error',
          message: `Failed to load ${file} as RAML: because its first line is not \`#%RAML 1.0\` or \`#%RAML 0.8\`. Start the file with the RAML header.`,
          location: { file, line: 1, column: 1 },
        },
      ],
    };
  }
  const version = header[1] === '0.8' ? '0.8' : '1.0';
  const kind = header[2] ?? '';
  const result: RamlConversion = { version, kind, operations: [], diagnostics: [] };

  let rt: AmfRuntime;
  try {
    rt = await amfRuntime();
  } catch (error) {
    result.diagnostics.push(convertError(file, 'start AMF to read', error));
    return result;
  }
  const mainUrl = pathToUrl(file);
  const toPath = userPathMapper(file, mainUrl);
  // RAML 0.8 APIs are read as leniently as the tools of their time read them (see
  // lenient-json-schema.ts and amf-diagnostics.ts); RAML 1.0 is held to AMF's rules.
  const lenient = version === '0.8' ? result.diagnostics : undefined;
  const loader = resourceLoader(rt, input, mainUrl, text, lenient);
  const client = (version === '0.8' ? rt.raml08 : rt.raml10)
    .withResourceLoaders([loader])
    .baseUnitClient();
  const report = (results: readonly AMFValidationResult[]): boolean => {
    result.diagnostics.push(
      ...amfResultsToDiagnostics(file, results, toPath, { lenient: version === '0.8' }),
    );
    return hasError(result.diagnostics);
  };

  let unit: BaseUnit;
  let claims: ExampleClaims;
  try {
    const parsed = await client.parse(mainUrl);
    unit = parsed.baseUnit;
    if (report(parsed.results)) return result;
    // Read who wrote which example before validation and resolution merge them (both change
    // the model in place; see examples.ts), and the API-level `securedBy` before resolution
    // copies it onto every method.
    claims = claimExamples(unit);
    const declared = (unit as { encodes?: { security?: AmfRequirement[] } }).encodes?.security;
    if (declared && declared.length > 0) result.security = mapRequirements(declared);
    const validation = await client.validate(unit);
    if (report(validation.results)) return result;
  } catch (error) {
    result.diagnostics.push(convertError(file, 'parse', error));
    return result;
  }

  try {
    const resolved = client.transform(unit, rt.amf.PipelineId.Editing);
    if (report(resolved.results)) return result;
    unit = resolved.baseUnit;
  } catch (error) {
    result.diagnostics.push(convertError(file, 'resolve the traits and types of', error));
    return result;
  }

  const api = (unit as { encodes?: { name?: { value(): string }; security?: AmfRequirement[] } })
    .encodes;
  const title = str(api?.name);
  if (title !== undefined) result.title = title;
  if (api?.security && api.security.length > 0) result.security = mapRequirements(api.security);
  result.operations = operationFacts(unit, toPath);
  const examples = collectExamples(unit, claims);

  let json: string;
  try {
    const oas = rt.oas30.baseUnitClient();
    const converted = oas.transform(unit, rt.amf.PipelineId.Compatibility);
    if (report(converted.results)) return result;
    json = oas.render(converted.baseUnit, 'application/json');
  } catch (error) {
    result.diagnostics.push(convertError(file, 'convert to OpenAPI', error));
    return result;
  }
  let openapi: unknown;
  try {
    openapi = JSON.parse(json);
  } catch (error) {
    result.diagnostics.push(convertError(file, 'read the OpenAPI converted from', error));
    return result;
  }
  if (typeof openapi !== 'object' || openapi === null || Array.isArray(openapi)) {
    result.diagnostics.push(convertError(file, 'convert', 'the output is not a JSON object'));
    return result;
  }
  applyExamples(openapi, examples);
  hoistServers(openapi);
  result.openapi = openapi as Record<string, unknown>;
  return result;
}
