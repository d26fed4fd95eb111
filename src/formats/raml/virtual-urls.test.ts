import { describe, expect, it } from 'vitest';
import { pathToUrl, urlToPath } from './virtual-urls.js';

describe('pathToUrl / urlToPath', () => {
  it('keeps absolute paths as file URLs, encoding spaces', () => {
    expect(pathToUrl('/srv/api specs/api.raml')).toEqual('file:///srv/api%20specs/api.raml');
    expect(urlToPath('file:///srv/api%20specs/api.raml')).toEqual('/srv/api specs/api.raml');
  });

  it('round-trips relative paths, including ones that climb above the working folder', () => {
    for (const path of ['api.raml', 'contracts/api.raml', '../shared/corpus/x/api.raml']) {
      expect(urlToPath(pathToUrl(path))).toEqual(path);
    }
  });

  it('maps an include resolved by URL rules back to a relative path', () => {
    const main = pathToUrl('contracts/raml/api.raml');
    const include = new URL('../../../lib/types.raml', main).href;
    expect(urlToPath(include)).toEqual('../lib/types.raml');
  });

  it('does not map URLs that are not files', () => {
    expect(urlToPath('https://example.com/types.raml')).toBeUndefined();
  });
});
