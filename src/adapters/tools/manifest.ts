import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { MANIFEST_FILE } from './project-bin.js';

/** One installed tool as `gauntlet setup` recorded it. */
export interface ManifestEntry {
  binary: string;
  goPackage: string;
  version: string;
  /** GOTOOLCHAIN used for the build, when the table sets one. */
  goToolchain?: string;
  /** `go version` of the toolchain that ran the install. */
  goVersion: string;
  installedAt: string;
}

/** An optional tool whose install failed: setup does not retry it at the same pin unless asked. */
export interface UnavailableEntry {
  goPackage: string;
  version: string;
  goToolchain?: string;
  /** The first line of the failure, for the progress line. */
  reason: string;
  failedAt: string;
}

/** `.gauntlet/bin/versions.json`. */
export interface Manifest {
  schema: 1;
  tools: Record<string, ManifestEntry>;
  unavailable: Record<string, UnavailableEntry>;
}

export function emptyManifest(): Manifest {
  return { schema: 1, tools: {}, unavailable: {} };
}

function isUnavailable(value: unknown): value is UnavailableEntry {
  return (
    isRecord(value) &&
    typeof value.goPackage === 'string' &&
    typeof value.version === 'string' &&
    typeof value.reason === 'string' &&
    typeof value.failedAt === 'string' &&
    (value.goToolchain === undefined || typeof value.goToolchain === 'string')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntry(value: unknown): value is ManifestEntry {
  return (
    isRecord(value) &&
    typeof value.binary === 'string' &&
    typeof value.goPackage === 'string' &&
    typeof value.version === 'string' &&
    typeof value.goVersion === 'string' &&
    typeof value.installedAt === 'string' &&
    (value.goToolchain === undefined || typeof value.goToolchain === 'string')
  );
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
  if (isRecord(data.unavailable)) {
    for (const [name, entry] of Object.entries(data.unavailable)) {
      if (isUnavailable(entry)) manifest.unavailable[name] = entry;
    }
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
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const sorted: Manifest = {
    schema: 1,
    tools: sortedKeys(manifest.tools),
    unavailable: sortedKeys(manifest.unavailable),
  };
  try {
    await writeFile(temp, `${JSON.stringify(sorted, null, 2)}\n`, 'utf8');
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
}
