import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../detect.js';
import { loadRaml } from './index.js';

/**
 * Every RAML API, Overlay and Extension in the raml-org examples loads, or is rejected for the
 * reason listed. Fragments (libraries, data types, traits…) are loaded through the APIs that use
 * them. Files are loaded one after another: AMF is slow, and runs on one thread anyway.
 */
const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/raml-examples/', import.meta.url));

/** Operations each API should yield (0 for the type-system examples, which have no resources). */
const LOADS: Record<string, number> = {
  'annotations/advanced.raml': 1,
  'annotations/annotation-targets.raml': 1,
  'annotations/simple-annotations.raml': 0,
  'defining-examples/organisation-api.raml': 2,
  'defining-examples/using-strict.raml': 1,
  'fragments/datatype/general/api.raml': 0,
  'fragments/extensions/api.raml': 1,
  'fragments/extensions/dev-api.raml': 3,
  // Line 38 gives a boolean property the example "true" (a string): it loads with a warning.
  'fragments/overlays/librarybooks.raml': 2,
  // The overlay extends librarybooks.raml, so it inherits that warning.
  'fragments/overlays/spanish.overlay.raml': 2,
  'fragments/resourcetype/api.raml': 2,
  'helloworld/helloworld.raml': 1,
  'libraries/api.raml': 1,
  'media-types/defaults/api.raml': 2,
  'media-types/multipart-data/api.raml': 2,
  'others/alainn-mobile-shopping/api.raml': 20,
  'others/banking-api/api.raml': 21,
  'others/mobile-order-api/api.raml': 1,
  'others/tutorial-jukebox-api/jukebox-api.raml': 13,
  'others/world-music-api/api.raml': 7,
  'query-parameters/api.raml': 2,
  'resourcetypes/optional-properties.raml': 3,
  'resourcetypes/simple-resourcetype.raml': 2,
  'schemas/api.raml': 2,
  'traits/api.raml': 5,
  'typesystem/complex.raml': 1,
  'typesystem/discriminators/discriminator.raml': 0,
  'typesystem/discriminators/discriminatorValue.raml': 0,
  'typesystem/file-type.raml': 0,
  'typesystem/simple.raml': 1,
};

/** Files the corpus itself gets wrong; each is rejected with this code and message part. */
const REJECTED: Record<string, { code: string; because: string }> = {
  // The annotation type allows the targets API and Resource; an Extension is neither.
  'others/alainn-mobile-shopping/hypermedia.extension.raml': {
    code: 'GAUNTLET_E_SPEC_INVALID',
    because: 'Annotation ano.hypermedia-plan not allowed in target Extension',
  },
  // shapes.raml includes customer.raml and person.raml, which `uses:` shapes.raml back: a cycle.
  'typesystem/referencing-using-libs/api.raml': {
    code: 'GAUNTLET_E_SPEC_INVALID',
    because: 'Cyclic found following references',
  },
};

async function ramlFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(...(await ramlFiles(`${dir}${entry.name}/`, `${rel}/`)));
    else if (entry.name.endsWith('.raml')) out.push(rel);
  }
  return out.sort();
}

const files = await ramlFiles(CORPUS);
const apis: string[] = [];
for (const rel of files) {
  const text = await readFile(`${CORPUS}${rel}`, 'utf8');
  if (detectFormat(rel, text).family === 'raml') apis.push(rel);
}

describe('RAML corpus (raml-org/raml-examples)', () => {
  it('lists every API file in exactly one of LOADS and REJECTED', () => {
    expect(apis).toEqual(Object.keys({ ...LOADS, ...REJECTED }).sort());
  });

  it.each(apis)('%s', { timeout: 120_000 }, async (rel) => {
    const file = `${CORPUS}${rel}`;
    const source = await loadRaml({
      file,
      text: await readFile(file, 'utf8'),
      readFile: (path) => readFile(path, 'utf8'),
    });
    const errors = source.diagnostics.filter((d) => d.severity === 'error');
    const rejected = REJECTED[rel];
    if (rejected) {
      expect(source.service).toBeUndefined();
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]!.code).toEqual(rejected.code);
      expect(errors[0]!.message).toContain(rejected.because);
      return;
    }
    expect(errors).toEqual([]);
    if (rel.startsWith('fragments/overlays/')) {
      expect(
        source.diagnostics
          .filter((d) => d.code === 'lint.example.invalid')
          .map((d) => [d.severity, d.location?.file.split('/').pop(), d.location?.line]),
      ).toEqual([['warning', 'librarybooks.raml', 38]]);
    }
    const service = source.service!;
    expect(service.format).toEqual('raml-1.0');
    expect(service.operations.length).toEqual(LOADS[rel]);
    // Every method points back at a line of RAML (the API or the fragment it came from).
    for (const op of service.operations) {
      expect(op.source?.line, `${op.method} ${op.path}`).toBeGreaterThan(0);
      expect(op.source?.file.endsWith('.raml'), `${op.method} ${op.path}`).toBe(true);
    }
  });
});
