import { describe, expect, it } from 'vitest';
import { buildZip } from './fake-maven-for-tests.js';
import { readZipEntry } from './read-zip-entry.js';

describe('readZipEntry', () => {
  const zip = buildZip({
    'stored.txt': Buffer.from('kept as is'),
    'binaries/tool': Buffer.from('deflated '.repeat(100)),
  });

  it('reads stored and deflated entries', () => {
    expect(readZipEntry(zip, 'stored.txt')?.toString()).toBe('kept as is');
    expect(readZipEntry(zip, 'binaries/tool')?.toString()).toBe('deflated '.repeat(100));
  });

  it('answers undefined for an entry that is not there, and throws for a non-zip', () => {
    expect(readZipEntry(zip, 'binaries/other')).toBeUndefined();
    expect(() => readZipEntry(Buffer.from('not a zip at all, just text'), 'x')).toThrow(
      'not a zip archive (no end of central directory record)',
    );
  });
});
