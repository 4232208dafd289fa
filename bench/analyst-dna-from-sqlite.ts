// Dev tool for the analyst evaluation: a simple Data DNA read from a SQLite file with
// better-sqlite3 (schema, foreign keys, top values per text column). The real profiler lives in
// src/data/dna/; this one only exists so the analyst can be measured before it is wired in.
import Database from 'better-sqlite3';
import type { ColumnProfile, ColumnRole, DataDna, TableProfile } from '../src/core/dna.js';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function dnaFromSqlite(path: string, name: string, topValueLimit = 50): DataDna {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    return {
      datasource: name,
      dialect: 'sqlite',
      generatedAt: '2025-01-01T00:00:00.000Z',
      fingerprint: `${name}:${tables.join(',')}`,
      tables: tables.map((table) => profileTable(db, table, topValueLimit)),
    };
  } finally {
    db.close();
  }
}

function profileTable(db: Database.Database, table: string, topValueLimit: number): TableProfile {
  const info = db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string; type: string; pk: number }[];
  const rowCount = (db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
  const fks = db.prepare(`PRAGMA foreign_key_list(${quote(table)})`).all() as { table: string; from: string; to: string | null }[];
  const columns = info.map((column): ColumnProfile => {
    const q = quote(column.name);
    const stats = db.prepare(`SELECT count(DISTINCT ${q}) AS d, sum(${q} IS NULL) AS nulls, min(${q}) AS lo, max(${q}) AS hi, avg(CASE WHEN typeof(${q}) IN ('integer','real') THEN ${q} END) AS mean, sum(typeof(${q}) IN ('integer','real')) AS numeric FROM ${quote(table)}`).get() as { d: number; nulls: number; lo: unknown; hi: unknown; mean: number | null; numeric: number };
    const declared = (column.type || 'TEXT').toUpperCase();
    const numeric = /INT|REAL|NUM|DOUBLE|FLOAT|DEC/.test(declared) || (rowCount > 0 && stats.numeric === rowCount - (stats.nulls ?? 0) && stats.numeric > 0);
    const time = /DATE|TIME/.test(declared);
    const isId = column.pk > 0 || /(^|_)id$/i.test(column.name) || /[a-z]Id$/.test(column.name);
    let role: ColumnRole;
    if (isId) role = 'id';
    else if (time) role = 'time';
    else if (numeric) role = 'measure';
    else role = stats.d <= 50 || stats.d < rowCount * 0.5 ? 'dimension' : 'text';
    const profile: ColumnProfile = {
      name: column.name,
      type: numeric && !/INT|REAL|NUM|DOUBLE|FLOAT|DEC/.test(declared) ? 'NUMERIC' : declared,
      role,
      nullShare: rowCount ? (stats.nulls ?? 0) / rowCount : 0,
      distinctCount: stats.d,
      topValues: [],
      primaryKey: column.pk > 0,
      synonyms: [],
    };
    if (!numeric) {
      profile.topValues = (db.prepare(`SELECT ${q} AS value, count(*) AS count FROM ${quote(table)} WHERE ${q} IS NOT NULL GROUP BY ${q} ORDER BY count(*) DESC LIMIT ${topValueLimit}`).all() as { value: string | number; count: number }[])
        .map((v) => ({ value: typeof v.value === 'string' ? v.value : String(v.value), count: v.count }));
    } else {
      profile.min = typeof stats.lo === 'number' ? stats.lo : null;
      profile.max = typeof stats.hi === 'number' ? stats.hi : null;
      profile.mean = stats.mean;
    }
    if (time && typeof stats.lo === 'string' && typeof stats.hi === 'string' && !Number.isNaN(Date.parse(stats.lo))) {
      profile.timeRange = { min: stats.lo, max: stats.hi, grain: 'day' };
    }
    return profile;
  });
  const primary = info.find((c) => c.pk > 0)?.name;
  return {
    name: table,
    rowCount,
    columns,
    foreignKeys: fks.map((fk) => ({ column: fk.from, refTable: fk.table, refColumn: fk.to ?? primary ?? 'id', inferred: false })),
    derivedMetrics: [],
    synonyms: [],
  };
}
