/** How a MySQL/MariaDB connector reaches its server. */
export interface MysqlConnectionOptions {
  /** Datasource name the connector reports (never contains the password). */
  name: string;
  /**
   * `mysql://user:password@host:port/database`. The database in the path is the one the
   * connector reads; `${ENV_VAR}` references are resolved by the registry before this point.
   */
  url: string;
  /** Default row cap when a query gives none. */
  rowCap?: number;
  /** Default statement timeout when a query gives none. */
  statementTimeoutMs?: number;
  /** Default byte cap on a result (JSON size of its rows) when a query gives none (`limits.resultMaxBytes`). */
  resultMaxBytes?: number;
  /** Connections kept for queries (one more is kept apart for KILL QUERY). */
  poolSize?: number;
}

export const DEFAULT_ROW_CAP = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
export const DEFAULT_RESULT_MAX_BYTES = 16 * 1024 * 1024;
export const DEFAULT_POOL_SIZE = 4;

/** The parts of a `mysql://` URL the pool needs, with the password kept out of every message. */
export interface ParsedMysqlUrl {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The URL with the password replaced by `***`, safe for messages and logs. */
  redacted: string;
}

/** Parses `mysql://` or `mariadb://` URLs; throws a plain Error naming what is wrong (without the password). */
export function parseMysqlUrl(url: string): ParsedMysqlUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('the URL is not valid; write it as mysql://user:password@host:3306/database');
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new Error(`the URL starts with "${parsed.protocol}//"; write it as mysql://user:password@host:3306/database`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) {
    throw new Error('the URL names no database; add it after the host, as in mysql://user:password@host:3306/database');
  }
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 3306 : Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
    redacted: redactUrl(url),
  };
}

/** `mysql://user:secret@host/db` → `mysql://user:***@host/db`. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:@/]*:)[^@]*@/, '$1***@');
}
