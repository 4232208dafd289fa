import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { AppError } from './app-error.js';
import { InsightxConfig } from './config.js';
import { readProviderEnv } from './provider-env.js';

/** The file `loadConfig` reads from the working directory, when it exists. */
export const CONFIG_FILE_NAME = 'insightx.config.json';

export interface LoadConfigOptions {
  /** Directory the config file and relative paths are resolved against. */
  cwd: string;
  /** The environment (the CLI passes `process.env`); nothing else in InsightX reads it. */
  env?: Record<string, string | undefined>;
  /** Values that win over the file and the environment (command-line flags). */
  overrides?: Record<string, unknown>;
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Later sources win key by key; arrays are replaced, not concatenated. */
function deepMerge(base: PlainObject, extra: PlainObject): PlainObject {
  const merged: PlainObject = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? deepMerge(merged[key] as PlainObject, value) : value;
  }
  return merged;
}

function readConfigFile(file: string): PlainObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new AppError('CONFIG_INVALID', `${file}: cannot be read (${(cause as Error).message}).`, { cause, details: { path: file } });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new AppError('CONFIG_INVALID', `${file}: not valid JSON (${(cause as Error).message}).`, { cause, details: { path: file } });
  }
  if (!isPlainObject(parsed)) {
    throw new AppError('CONFIG_INVALID', `${file}: must hold one JSON object, e.g. {"dataDir": ".insightx"}.`, { details: { path: file } });
  }
  return parsed;
}

/** A number from the environment; a word where a number belongs is reported, not ignored. */
function envNumber(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    throw new AppError('CONFIG_INVALID', `environment ${name}: expected a number, got "${raw}".`, { details: { path: name } });
  }
  return value;
}

function envBoolean(env: Record<string, string | undefined>, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new AppError('CONFIG_INVALID', `environment ${name}: expected true or false, got "${env[name]}".`, { details: { path: name } });
}

/**
 * The general settings the environment may give (docs/configuration.md). Provider keys, base
 * URLs and model tiers come from `applyProviderEnv` (src/core/provider-env.ts).
 */
function fromEnvironment(env: Record<string, string | undefined>): PlainObject {
  return {
    dataDir: env.INSIGHTX_DATA_DIR || undefined,
    defaultDatasource: env.INSIGHTX_DATASOURCE || undefined,
    fastPath: envBoolean(env, 'INSIGHTX_FAST_PATH'),
    limits: {
      rowCap: envNumber(env, 'INSIGHTX_ROW_CAP'),
      statementTimeoutMs: envNumber(env, 'INSIGHTX_STATEMENT_TIMEOUT_MS'),
      resultMaxBytes: envNumber(env, 'INSIGHTX_RESULT_MAX_BYTES'),
      sqlAttempts: envNumber(env, 'INSIGHTX_SQL_ATTEMPTS'),
    },
    store: { databaseUrl: env.DATABASE_URL || undefined },
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  return `${where}: ${issue.message}`;
}

/** The configuration file `loadConfig` reads (whether or not it exists): `INSIGHTX_CONFIG` or `insightx.config.json` in `cwd`. */
export function configFilePath(options: LoadConfigOptions): string {
  const explicit = options.env?.INSIGHTX_CONFIG;
  return explicit ? path.resolve(options.cwd, explicit) : path.join(options.cwd, CONFIG_FILE_NAME);
}

/**
 * Builds the configuration from, in rising priority: defaults, `insightx.config.json` in `cwd`
 * (or the file `INSIGHTX_CONFIG` names), the environment, and `overrides`. Relative paths
 * (dataDir, datasource paths) are resolved against the config file's directory or `cwd`.
 *
 * @throws AppError CONFIG_INVALID naming the file or variable, the setting and the problem.
 */
export function loadConfig(options: LoadConfigOptions): InsightxConfig {
  const env = options.env ?? {};
  const explicitFile = env.INSIGHTX_CONFIG ? path.resolve(options.cwd, env.INSIGHTX_CONFIG) : undefined;
  const file = configFilePath(options);
  if (explicitFile && !existsSync(explicitFile)) {
    throw new AppError('CONFIG_INVALID', `environment INSIGHTX_CONFIG: no file at ${explicitFile}.`, { details: { path: 'INSIGHTX_CONFIG' } });
  }
  const fromFile = existsSync(file) ? readConfigFile(file) : {};
  const baseDir = existsSync(file) ? path.dirname(file) : options.cwd;

  // Provider keys and base URLs (<NAME>_API_KEYS, <NAME>_API_KEY_1..N, <NAME>_BASE_URL); see src/core/provider-env.ts.
  const fileProviders = isPlainObject(fromFile.providers) ? Object.keys(fromFile.providers) : [];
  const fromProviderEnv = readProviderEnv(env, fileProviders);
  const providerEnv: PlainObject = { providers: fromProviderEnv.providers };
  if (fromProviderEnv.models?.tiers) {
    // A tier set in the environment replaces that tier only; the other keeps the file's or the default.
    const fileModels = isPlainObject(fromFile.models) ? fromFile.models : {};
    const fileTiers = isPlainObject(fileModels.tiers) ? fileModels.tiers : {};
    providerEnv.models = { tiers: { light: 'local:analyst', heavy: 'local:analyst', ...fileTiers, ...fromProviderEnv.models.tiers } };
  }
  const merged = deepMerge(deepMerge(deepMerge(fromFile, fromEnvironment(env)), providerEnv), options.overrides ?? {});
  const parsed = InsightxConfig.safeParse(merged);
  if (!parsed.success) {
    const source = existsSync(file) ? `${file} (with environment overrides)` : 'configuration';
    const problems = parsed.error.issues.map(describeIssue).join('; ');
    throw new AppError('CONFIG_INVALID', `${source}: ${problems}. See docs/configuration.md.`, {
      details: { path: parsed.error.issues[0]?.path.map(String).join('.') ?? '' },
    });
  }
  const config = parsed.data;
  return {
    ...config,
    dataDir: path.resolve(baseDir, config.dataDir),
    files: { ...config.files, folders: config.files.folders?.map((folder) => path.resolve(baseDir, folder)) },
    datasources: config.datasources.map((source) =>
      'path' in source && typeof source.path === 'string' ? { ...source, path: path.resolve(baseDir, source.path) } : source,
    ),
  };
}
