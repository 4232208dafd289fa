import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/app-error.js';

type PlainObject = Record<string, unknown>;

/** The config file's own JSON (no environment, no defaults), or `{}` when there is no file yet. */
export function readRawConfig(file: string): PlainObject {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError('CONFIG_INVALID', `${file}: not valid JSON (${(cause as Error).message}); fix it before changing datasources.`, { cause, details: { path: file } });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppError('CONFIG_INVALID', `${file}: must hold one JSON object, e.g. {"dataDir": ".insightx"}.`, { details: { path: file } });
  }
  return parsed as PlainObject;
}

/**
 * Writes the config file atomically: a temporary file beside it, then a rename, so a reader
 * (the server) never sees half a file. Values are written as given (`${PG_PASSWORD}` stays a reference).
 */
export function writeRawConfig(file: string, config: PlainObject): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
