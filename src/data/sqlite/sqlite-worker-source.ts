/**
 * The code of the worker process that owns the better-sqlite3 handle. better-sqlite3 is
 * synchronous, so a query runs here and the parent stays free to time it out or cancel it by
 * killing the worker. A process rather than a worker thread: `Worker.terminate()` cannot stop
 * a thread that is inside a native sqlite3_step() (a runaway recursive CTE would keep a core
 * busy and block process exit), while SIGKILL always can. Kept as plain JavaScript (run with
 * `node -e`) so it works the same under tsx, vitest and compiled builds; it only moves raw
 * rows (advanced IPC serialisation keeps bigint and blobs), the connector normalises them.
 *
 * Messages in: `{ kind: 'open', path, modulePath }` once, then `{ id, kind: 'query' | 'explain' | 'inspect', sql, limit, maxBytes }`.
 * Messages out: `{ id, ok: true, columns, rows, truncated, truncatedReason }` or `{ id, ok: false, error }`.
 * Rows stop at the row cap or when their size as JSON (a lower bound counted here, exact in
 * the parent) passes `maxBytes`: a huge value stays in this process and never crosses.
 */
export const SQLITE_WORKER_SOURCE = `
let db;
// A parent that has gone away is not an error worth a crash report.
const reply = (message) => process.send(message, () => {});
function open(message) {
  const Database = require(message.modulePath);
  db = new Database(message.path, { readonly: true, fileMustExist: true });
  // Belt and braces: the file handle is read-only, and the connection refuses writes too.
  db.pragma('query_only = ON');
  db.defaultSafeIntegers(true);
}

// Bytes of a raw value as the parent will write it in JSON (hex for blobs); a lower bound.
function cellBytes(value) {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return Buffer.byteLength(value) + 2;
  if (value instanceof Uint8Array) return 2 * value.length + 4;
  return String(value).length;
}

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

process.on('message', (message) => {
  try {
    if (message.kind === 'open') { open(message); reply({ ready: true }); return; }
    if (message.kind === 'inspect') {
      // Prepare only: the engine's own verdict on the statement, for the read-only guard.
      const statement = db.prepare(message.sql);
      reply({ id: message.id, ok: true, readonly: statement.readonly, reader: statement.reader });
      return;
    }
    if (message.kind === 'explain') {
      prepareReadOnly(message.sql);
      const plan = db.prepare('EXPLAIN QUERY PLAN ' + message.sql).raw(true).all();
      reply({ id: message.id, ok: true, columns: [], rows: plan.map((row) => [String(row[3])]), truncated: false });
      return;
    }
    const statement = prepareReadOnly(message.sql).raw(true);
    const declared = statement.columns();
    const rows = [];
    let truncatedReason;
    let bytes = 0;
    for (const row of statement.iterate()) {
      if (rows.length >= message.limit) { truncatedReason = 'rows'; break; }
      bytes += row.reduce((sum, value) => sum + cellBytes(value) + 1, 2);
      if (bytes > message.maxBytes) { truncatedReason = 'bytes'; break; }
      rows.push(row);
    }
    const truncated = truncatedReason !== undefined;
    const columns = declared.map((column, index) => {
      const sample = rows.find((row) => row[index] !== null);
      return { name: column.name, declared: column.type, sample: sample === undefined ? null : sample[index] };
    });
    reply({ id: message.id, ok: true, columns, rows, truncated, truncatedReason });
  } catch (error) {
    reply({ id: message.id, ok: false, error: { message: String(error && error.message), code: error && error.code } });
  }
});
process.on('disconnect', () => process.exit(0));
`;
