import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** One row of a fixture table, in column order. */
export type Row = (string | number | null)[];

/** A small seeded generator (mulberry32), so the "random" rows are the same on every machine. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A day of `year` as 'YYYY-MM-DD' (days 1–28, so every month has it). */
export function day(random: () => number, year: number): string {
  const month = 1 + Math.floor(random() * 12);
  const date = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/**
 * Writes `<dir>/<name>.sqlite` from its DDL and rows (tables in the order given), replacing the
 * old file only once the new one is complete. `vacuum` compacts it, so a rebuild is byte-identical.
 */
export function writeSqliteDatabase(dir: string, name: string, schema: string, tables: Record<string, Row[]>, options: { vacuum?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.sqlite`);
  const temporary = `${file}.tmp`;
  rmSync(temporary, { force: true });
  const db = new Database(temporary);
  db.exec(schema);
  for (const [table, rows] of Object.entries(tables)) {
    if (rows.length === 0) continue;
    const insert = db.prepare(`INSERT INTO ${table} VALUES (${rows[0].map(() => '?').join(', ')})`);
    db.transaction(() => rows.forEach((row) => insert.run(...row)))();
  }
  if (options.vacuum) db.exec('VACUUM');
  db.close();
  renameSync(temporary, file);
  return file;
}
