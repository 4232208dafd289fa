/**
 * The code of the worker thread that owns the better-sqlite3 handle. better-sqlite3 is
 * synchronous, so a query runs here and the main thread stays free to time it out or cancel
 * it by terminating the worker. Kept as plain JavaScript (run with `eval: true`) so it works
 * the same under tsx, vitest and compiled builds; it only moves raw rows, the connector
 * normalises them.
 *
 * Messages in: `{ id, kind: 'query' | 'explain', sql, limit }`.
 * Messages out: `{ id, ok: true, columns, rows, truncated }` or `{ id, ok: false, error }`.
 */
export const SQLITE_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
// Belt and braces: the file handle is read-only, and the connection refuses writes too.
db.pragma('query_only = ON');
db.defaultSafeIntegers(true);

function prepareReadOnly(sql) {
  const statement = db.prepare(sql);
  // The engine's own answer (sqlite3_stmt_readonly), plus "returns rows": ATTACH, DETACH and
  // PRAGMA assignments count as read-only for SQLite but return nothing and are refused here.
  if (!statement.readonly || !statement.reader) {
    const error = new Error('Only a read-only SELECT/WITH query can run here.');
    error.code = 'SQL_NOT_READ_ONLY';
    throw error;
  }
  return statement;
}

parentPort.on('message', (message) => {
  try {
    if (message.kind === 'explain') {
      prepareReadOnly(message.sql);
      const plan = db.prepare('EXPLAIN QUERY PLAN ' + message.sql).raw(true).all();
      parentPort.postMessage({ id: message.id, ok: true, columns: [], rows: plan.map((row) => [String(row[3])]), truncated: false });
      return;
    }
    const statement = prepareReadOnly(message.sql).raw(true);
    const declared = statement.columns();
    const rows = [];
    let truncated = false;
    for (const row of statement.iterate()) {
      if (rows.length >= message.limit) { truncated = true; break; }
      rows.push(row);
    }
    const columns = declared.map((column, index) => {
      const sample = rows.find((row) => row[index] !== null);
      return { name: column.name, declared: column.type, sample: sample === undefined ? null : sample[index] };
    });
    parentPort.postMessage({ id: message.id, ok: true, columns, rows, truncated });
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: { message: String(error && error.message), code: error && error.code } });
  }
});
parentPort.postMessage({ ready: true });
`;
