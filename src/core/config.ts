import { z } from 'zod';
import { AGENT_NAMES } from './events.js';

/**
 * Configuration schema. `loadConfig` (src/core/load-config.ts) is the only place that reads
 * files and `process.env`; everything else receives a parsed `InsightxConfig`.
 */

const DATASOURCE_VARIANTS = [
  z.object({ kind: z.literal('sample'), name: z.string().default('sample') }),
  z.object({ kind: z.literal('duckdb'), name: z.string(), path: z.string() }),
  z.object({ kind: z.literal('sqlite'), name: z.string(), path: z.string() }),
  /** A CSV, Parquet or JSON file registered as a table in an embedded DuckDB. */
  z.object({ kind: z.literal('file'), name: z.string(), path: z.string(), table: z.string().optional() }),
  z.object({ kind: z.literal('postgres'), name: z.string(), url: z.string() }),
  /**
   * A MySQL or MariaDB database: `mysql://user:password@host:3306/database`. The password may be
   * an environment reference, `${MYSQL_PASSWORD}`, resolved when the datasource opens.
   */
  z.object({ kind: z.literal('mysql'), name: z.string(), url: z.string().regex(/^(mysql|mariadb):\/\//, 'a MySQL datasource url starts with mysql://, e.g. mysql://user:${MYSQL_PASSWORD}@host:3306/database') }),
  z.object({ kind: z.literal('clickhouse'), name: z.string(), url: z.string(), cluster: z.string().optional() }),
] as const;

/** The `kind` values a datasource may have, in the order the docs list them. */
export const DATASOURCE_KINDS = DATASOURCE_VARIANTS.map((variant) => variant.shape.kind.value);

/** The kinds that open today; `clickhouse` is read from a config but refused when opened. */
export const SUPPORTED_DATASOURCE_KINDS = DATASOURCE_KINDS.filter((kind) => kind !== 'clickhouse');

/** The accepted kinds, for error messages: the ones that work, and the one that is refused. */
export const DATASOURCE_KINDS_TEXT = `${SUPPORTED_DATASOURCE_KINDS.join(', ')} (clickhouse is not supported yet)`;

export const DatasourceConfig = z.discriminatedUnion('kind', DATASOURCE_VARIANTS, {
  // Without this, an unknown kind reads "Invalid input" and the user cannot tell what is accepted.
  error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${DATASOURCE_KINDS_TEXT}` : undefined),
});
export type DatasourceConfig = z.infer<typeof DatasourceConfig>;

export const ModelTier = z.enum(['light', 'heavy']);
export type ModelTier = z.infer<typeof ModelTier>;

/** `provider:model`, e.g. `local:analyst`, `openai:gpt-4.1-mini`, `bytez:Qwen/Qwen3-4B`. */
export const ModelRef = z.string().regex(/^[a-z0-9-]+:.+$/, 'a model is written provider:model, e.g. openai:gpt-4.1-mini');

export const LimitsConfig = z.object({
  /** Rows a query may return before it is cut (the result says `truncated`). */
  rowCap: z.number().int().positive().default(10_000),
  statementTimeoutMs: z.number().int().positive().default(30_000),
  /**
   * Bytes a result's rows may take as JSON, in the connectors, the store and on the wire; a
   * bigger result is cut and marked `truncated` with `truncatedReason: "bytes"`. 16 MiB.
   */
  resultMaxBytes: z.number().int().min(1024).default(16 * 1024 * 1024),
  /** SQL attempts per question, the first included. */
  sqlAttempts: z.number().int().min(1).max(5).default(5),
});

/**
 * Files a workspace may register (`POST /api/datasources` with a path, and uploads): from which
 * folders, and how much loading one may take. Datasources in this configuration file are the
 * operator's and are not limited to these folders.
 */
export const FilesConfig = z.object({
  /**
   * Folders (relative to the working directory) whose files any workspace may register, by
   * real path (a symlink counts by where it points). Default: `<dataDir>/files`. A folder may
   * not contain the project, the configuration file or the data dir.
   */
  folders: z.array(z.string().min(1, 'a data folder may not be empty')).optional(),
  /** Rows one registered CSV/Parquet/JSON file may hold. */
  maxRows: z.number().int().positive().default(20_000_000),
  /** Columns one registered file may hold. */
  maxColumns: z.number().int().positive().default(1_000),
  /** How long loading a registered file may take. */
  loadTimeoutMs: z.number().int().positive().default(60_000),
});
export type FilesConfig = z.infer<typeof FilesConfig>;

/** USD per one million tokens, for the cost in `usage` events. */
export const ModelPrice = z.object({
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/**
 * Settings of one LLM provider (`providers.<name>`): a preset (openai, anthropic, bytez, ollama,
 * vllm, openrouter, groq, lmstudio) or a custom OpenAI-compatible endpoint (give `baseURL`).
 * Keys may also come from the environment (`<NAME>_API_KEYS`, see src/core/provider-env.ts).
 */
export const ProviderSettings = z.object({
  baseURL: z.url('baseURL must be an absolute URL such as http://127.0.0.1:11434/v1').optional(),
  /** API keys, tried in order; a failing key cools down and the next one takes over. */
  keys: z.array(z.string().min(1, 'an API key may not be empty')).optional(),
  /** OpenAI only: the Responses API (default) or Chat Completions. */
  api: z.enum(['responses', 'chat']).optional(),
  /** Price per model id of this provider. */
  prices: z.record(z.string(), ModelPrice).optional(),
  /** How long a failing key rests when the provider gives no `retry-after` (default 60 000 ms). */
  cooldownMs: z.number().int().positive().optional(),
  /** OpenAI-compatible endpoints: whether `response_format: json_schema` is supported (default per preset). */
  structuredOutputs: z.boolean().optional(),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

export const InsightxConfig = z.object({
  /** Where InsightX keeps its own files (sample database, store, caches). */
  dataDir: z.string().default('.insightx'),
  datasources: z.array(DatasourceConfig).default([{ kind: 'sample', name: 'sample' }]),
  defaultDatasource: z.string().default('sample'),
  models: z
    .object({
      tiers: z.object({ light: ModelRef, heavy: ModelRef }).default({ light: 'local:analyst', heavy: 'local:analyst' }),
      agents: z.record(z.enum(AGENT_NAMES), ModelTier).default({
        router: 'light',
        sql: 'light',
        python: 'heavy',
        viz: 'light',
        composer: 'light',
        explainer: 'light',
      }),
    })
    .default({
      tiers: { light: 'local:analyst', heavy: 'local:analyst' },
      agents: { router: 'light', sql: 'light', python: 'heavy', viz: 'light', composer: 'light', explainer: 'light' },
    }),
  files: FilesConfig.prefault({}),
  limits: LimitsConfig.default({ rowCap: 10_000, statementTimeoutMs: 30_000, resultMaxBytes: 16 * 1024 * 1024, sqlAttempts: 5 }),
  /** Answer from the embedded engine without a remote call when its parse is confident. */
  fastPath: z.boolean().default(true),
  /**
   * The calibrated parse confidence from which the fast path is taken. The issue's rule is a
   * precision of at least 97 % on held-out schemas; no threshold reaches it today (precision is
   * about 0.5 at every confidence on the trust suite), so the default 1 never takes it and a
   * configured remote model is always asked. See docs/providers.md#fast-path.
   */
  fastPathConfidence: z.number().min(0).max(1).default(1),
  /**
   * Where InsightX stores threads, runs and results: the embedded PGlite under `dataDir/store`
   * by default, or a PostgreSQL server (`databaseUrl`, env `DATABASE_URL`).
   */
  store: z
    .object({
      databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'databaseUrl is a postgres:// URL').optional(),
      /** PostgreSQL schema for InsightX's tables (default `public`). */
      schema: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a schema name is lower-case letters, digits and _').optional(),
    })
    .default({}),
  /** LLM provider settings by provider name (base URL, keys, API flavour, prices). */
  providers: z
    .record(z.string().regex(/^[a-z0-9-]+$/, 'a provider name is lower-case letters, digits and dashes'), ProviderSettings)
    .default({}),
});
export type InsightxConfig = z.infer<typeof InsightxConfig>;
