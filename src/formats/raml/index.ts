import type { Diagnostic, LoadedSource, Service, SourceFormat } from '../../model/index.js';
import { loadOpenApi } from '../openapi/index.js';
import { parseJsonOrYaml } from '../parse.js';
import { serviceSlug } from '../slug.js';
import type { FormatLoader } from '../types.js';
import { convertRaml, type RamlConversion } from './convert-raml.js';

/**
 * Diagnostics from the OpenAPI loader point into the document AMF generated, whose lines mean
 * nothing to the user: keep the JSON pointer, drop the line and column.
 */
function fromConverted(diagnostic: Diagnostic, file: string): Diagnostic {
  if (!diagnostic.location) return diagnostic;
  const { pointer } = diagnostic.location;
  return { ...diagnostic, location: { file, ...(pointer === undefined ? {} : { pointer }) } };
}

/** Puts back what AMF's OpenAPI output loses: RAML names, method locations, security. */
function decorate(service: Service, conversion: RamlConversion, format: SourceFormat): void {
  service.format = format;
  service.sourceVersion = conversion.kind
    ? `${conversion.version} ${conversion.kind}`
    : `${conversion.version}`;
  if (conversion.title !== undefined) service.title = conversion.title;
  service.name = serviceSlug(service.title, service.file, 'raml-api');
  const schemes = { ...conversion.security?.schemes };
  service.security = conversion.security?.requirements ?? [];
  const facts = new Map(conversion.operations.map((f) => [`${f.method} ${f.path}`, f]));
  for (const op of service.operations) {
    const fact = facts.get(`${op.method} ${op.path}`);
    if (!fact) continue;
    if (fact.source) op.source = fact.source;
    if (fact.security) {
      op.security = fact.security.requirements;
      Object.assign(schemes, fact.security.schemes);
    }
  }
  service.securitySchemes = { ...service.securitySchemes, ...schemes };
}

/**
 * Loads a RAML 1.0 or 0.8 API (or an Overlay/Extension of one): AMF parses, validates and
 * resolves it and converts it to OpenAPI 3.0, which the OpenAPI loader turns into the model.
 * `!include`s and `uses:` libraries are read through `input.readFile`; AMF itself is imported on
 * the first call only (it takes a second or two to start).
 *
 * @example
 * const source = await loadRaml({ file: 'api.raml', text, readFile: (p) => fs.readFile(p, 'utf8') });
 * source.service?.format; // 'raml-1.0'
 */
export const loadRaml: FormatLoader = async (input) => {
  const conversion = await convertRaml(input);
  const { file } = input;
  const format: SourceFormat | undefined =
    conversion.version === '0.8'
      ? 'raml-0.8'
      : conversion.version === '1.0'
        ? 'raml-1.0'
        : undefined;
  const base: LoadedSource = {
    file,
    ...(format ? { format } : {}),
    diagnostics: conversion.diagnostics,
  };
  if (!conversion.openapi || !format) return base;

  const json = JSON.stringify(conversion.openapi, null, 2);
  const parsed = parseJsonOrYaml(file, json);
  if (!parsed.ok) {
    return {
      ...base,
      diagnostics: [
        ...base.diagnostics,
        {
          code: 'GAUNTLET_E_RAML_CONVERT',
          severity: 'error',
          message: `Failed to convert ${file}: because AMF's OpenAPI output could not be read back. Report the file to us.`,
          location: { file },
        },
      ],
    };
  }
  const loaded = await loadOpenApi({
    file,
    text: json,
    document: parsed.document,
    readFile: input.readFile,
  });
  const diagnostics = [
    ...base.diagnostics,
    ...loaded.diagnostics.map((d) => fromConverted(d, file)),
  ];
  if (!loaded.service) return { ...base, diagnostics };
  const service = loaded.service;
  decorate(service, conversion, format);
  service.diagnostics = service.diagnostics.map((d) => fromConverted(d, file));
  return { file, format, service, diagnostics };
};
