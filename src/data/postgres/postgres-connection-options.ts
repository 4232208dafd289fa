/** How a PostgreSQL connector reaches its server. */
export interface PostgresConnectionOptions {
  /** Datasource name the connector reports (never a URL: names appear in messages). */
  name: string;
  /** `postgres://user:password@host:port/database?sslmode=…`, with secrets already resolved. */
  url: string;
  /** Default row cap when a query gives none. */
  rowCap?: number;
  /** Default statement timeout when a query gives none. */
  statementTimeoutMs?: number;
  /** Default byte cap on a result (JSON size of its rows) when a query gives none. */
  maxBytes?: number;
  /** Connections kept in the pool (default 4): one question at a time needs one. */
  poolSize?: number;
  /** How long to wait for a connection before CONNECTOR_CONNECTION_FAILED (default 10 s). */
  connectTimeoutMs?: number;
}

export const DEFAULT_ROW_CAP = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_POOL_SIZE = 4;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Rows fetched from the server-side cursor per round trip. */
export const FETCH_BATCH_ROWS = 1000;

/**
 * The URL without its password, for messages and logs: `postgres://reader:***@db:5432/prod`.
 * Text that is not a URL is replaced entirely, since it may be a password itself.
 */
export function redactPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|key|token/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

/** Removes every occurrence of the URL's password (raw and URL-decoded) from a text. */
export function scrubSecret(text: string, url: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return text.split(url).join('(the URL)');
  }
  if (password === '') return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // keep the raw form only
  }
  return [password, decoded].reduce((scrubbed, secret) => (secret.length > 0 ? scrubbed.split(secret).join('***') : scrubbed), text);
}
