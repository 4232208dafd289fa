import type { FastifyServerOptions } from 'fastify';
import type { IdGenerator } from '../core/ids.js';
import type { Connector } from '../data/connector.js';
import type { RunEventBus } from '../store/run-event-bus.js';
import type { Store } from '../store/store.js';
import type { AuthOptions } from './auth/authenticate.js';
import type { DatasourceCatalog } from './datasources/datasource-catalog.js';
import type { RunService } from './runs/run-service.js';

/** What `POST /api/tools/sql` needs: the agents' read-only guard and limits. */
export interface SqlToolDeps {
  /** The data layer's `assertReadOnly` (src/data/sql-guard); throws SQL_* AppErrors. */
  assertReadOnly(connector: Connector, sql: string): Promise<void>;
  limits: { rowCap: number; statementTimeoutMs: number; resultMaxBytes?: number };
}

/** Everything `buildApp` needs, built by the composition root (src/server/main.ts) or a test. */
export interface AppDeps {
  store: Store;
  runs: RunService;
  bus: RunEventBus;
  datasources: DatasourceCatalog;
  sqlTool: SqlToolDeps;
  ids: IdGenerator;
  auth: AuthOptions;
  /** The built web app (`web/dist`); when missing, `/` explains how to build it. */
  webDistDir?: string;
  /**
   * Where uploaded datasource files go (`POST /api/datasources/upload`); it must be inside the
   * catalog's file roots. Without it the upload route is off.
   */
  uploadDir?: string;
  /** Largest uploaded file, bytes (default 512 MiB). */
  uploadLimitBytes?: number;
  /** Largest accepted request body, bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Fastify logger setting (default off; main.ts turns it on). */
  logger?: FastifyServerOptions['logger'];
  version?: string;
}
