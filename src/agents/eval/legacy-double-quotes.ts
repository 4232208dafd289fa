import type { RunRows } from './score-eval.js';

/** SQLite's message when a double-quoted word names no column (better-sqlite3 builds without DQS). */
const UNRESOLVED_QUOTED = /no such column: "((?:[^"]|"")*)" - should this be a string literal in single-quotes\?/;
const MAX_REWRITES = 20;

/**
 * Runs SQL the way Python's sqlite3 (and so score.py) does: a double-quoted word that names no
 * column is a string literal there (SQLite's legacy "DQS" behaviour; `Status = "Operational"` in
 * KaggleDBQA's gold). better-sqlite3 turns that off, so each such word the engine names is
 * rewritten to a single-quoted literal and the query runs again.
 */
export function withLegacyDoubleQuotes(runRows: RunRows): RunRows {
  return async (dbId, sql) => {
    let current = sql;
    for (let attempt = 0; ; attempt++) {
      try {
        return await runRows(dbId, current);
      } catch (error) {
        const match = UNRESOLVED_QUOTED.exec(error instanceof Error ? error.message : String(error));
        if (!match || attempt >= MAX_REWRITES) throw error;
        const word = match[1];
        const rewritten = current.split(`"${word}"`).join(`'${word.replaceAll('""', '"').replaceAll("'", "''")}'`);
        if (rewritten === current) throw error;
        current = rewritten;
      }
    }
  };
}
