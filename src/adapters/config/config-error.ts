import { GauntletError } from '../../errors.js';
import { isRecord } from '../../util/guards.js';

/** GAUNTLET_E_CONFIG naming the config file and what is wrong with it. */
export function configError(file: string, reason: string, cause?: unknown): GauntletError {
  return new GauntletError('GAUNTLET_E_CONFIG', `Failed to load ${file}: ${reason}.`, {
    hint: 'Fix the file (its default export must be `defineConfig({...})`), or remove it to use the defaults.',
    location: { file },
    ...(cause === undefined ? {} : { cause }),
  });
}

export function checkStringRecord(file: string, where: string, value: unknown): void {
  if (!isRecord(value)) throw configError(file, `${where} must be an object of strings`);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw configError(file, `${where}.${key} must be a string`);
  }
}

export function checkStringArray(file: string, where: string, value: unknown, what: string): void {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw configError(file, `${where} must be an array of ${what}`);
  }
}

export function checkPort(file: string, where: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw configError(file, `${where} must be an integer between 0 and 65535`);
  }
}
