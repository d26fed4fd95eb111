import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isRecord } from '../../util/guards.js';
import { writeAtomic } from '../fs/write-atomic.js';
import { MANIFEST_FILE } from './project-bin.js';

/** One Go tool as `gauntlet setup` recorded it. */
export interface GoManifestEntry {
  binary: string;
  goPackage: string;
  version: string;
  /** GOTOOLCHAIN used for the build, when the table sets one. */
  goToolchain?: string;
  /** `go version` of the toolchain that ran the install. */
  goVersion: string;
  installedAt: string;
}

/** One tool taken out of a Maven jar, with the checksum of the binary installed. */
export interface MavenManifestEntry {
  binary: string;
  version: string;
  /** `groupId:artifactId:version`. */
  artifact: string;
  /** The jar entry the binary came from. */
  entry: string;
  sha256: string;
  installedAt: string;
}

export type ManifestEntry = GoManifestEntry | MavenManifestEntry;

/** `.gauntlet/bin/versions.json`. */
export interface Manifest {
  schema: 1;
  tools: Record<string, ManifestEntry>;
}

export function emptyManifest(): Manifest {
  return { schema: 1, tools: {} };
}

function isEntry(value: unknown): value is ManifestEntry {
  if (
    !isRecord(value) ||
    typeof value.binary !== 'string' ||
    typeof value.version !== 'string' ||
    typeof value.installedAt !== 'string'
  )
    return false;
  if (typeof value.artifact === 'string')
    return typeof value.entry === 'string' && typeof value.sha256 === 'string';
  return (
    typeof value.goPackage === 'string' &&
    typeof value.goVersion === 'string' &&
    (value.goToolchain === undefined || typeof value.goToolchain === 'string')
  );
}

/** The entry when it records a Go install. */
export function goEntry(entry: ManifestEntry | undefined): GoManifestEntry | undefined {
  return entry && 'goPackage' in entry ? entry : undefined;
}

/** The entry when it records a Maven install. */
export function mavenEntry(entry: ManifestEntry | undefined): MavenManifestEntry | undefined {
  return entry && 'artifact' in entry ? entry : undefined;
}

/**
 * Reads the manifest in `binDir`. A missing, unparsable or foreign file reads as empty: the
 * only consequence is that setup reinstalls, which is the safe direction.
 */
export async function readManifest(binDir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path.join(binDir, MANIFEST_FILE), 'utf8');
  } catch {
    return emptyManifest();
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return emptyManifest();
  }
  if (!isRecord(data) || data.schema !== 1 || !isRecord(data.tools)) return emptyManifest();
  const manifest = emptyManifest();
  for (const [name, entry] of Object.entries(data.tools)) {
    if (isEntry(entry)) manifest.tools[name] = entry;
  }
  return manifest;
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Writes the manifest atomically (temp file + rename), so a killed setup never leaves half a file. */
export async function writeManifest(binDir: string, manifest: Manifest): Promise<void> {
  await mkdir(binDir, { recursive: true });
  const target = path.join(binDir, MANIFEST_FILE);
  const sorted: Manifest = {
    schema: 1,
    tools: sortedKeys(manifest.tools),
  };
  await writeAtomic(target, `${JSON.stringify(sorted, null, 2)}\n`);
}
