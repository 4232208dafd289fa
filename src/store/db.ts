/**
 * The store's database handle (ARCHITECTURE §6): the same small interface over PGlite
 * (embedded) and a PostgreSQL server, so every repository runs unchanged on both.
 */

/** Values a query may take as parameters; objects and arrays are sent as JSON (jsonb columns). */
export type SqlParam = string | number | boolean | null | Date | readonly unknown[] | Record<string, unknown>;

export interface QueryRows<T> {
  rows: T[];
  /** Rows inserted, updated or deleted (0 for SELECT on PGlite; the row count on pg). */
  affectedRows: number;
}

/** What a query runs on: the database itself or one open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryRows<T>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * The only way to make a transaction: commits when `fn` returns, rolls back when it throws.
   * Called inside a transaction, it joins the outer one.
   */
  transaction<T>(fn: (tx: Transactional) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to the function that stops listening. */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** A transaction: queries, and nested `transaction` calls that join it. */
export interface Transactional extends Queryable {
  transaction<T>(fn: (tx: Transactional) => Promise<T>): Promise<T>;
}
