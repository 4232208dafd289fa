import { linkSchema } from '../../analyst/index.js';
import type { ColumnProfile, DataDna } from '../../core/dna.js';
import type { ModelDnaOptions } from './model-dna.js';

/** Below these sizes the whole DNA goes to the model: pruning would only risk losing a column. */
const MAX_TABLES_WHOLE = 8;
const MAX_COLUMNS_WHOLE = 120;

/** Columns that name a row or say when it happened: a bridge table keeps them beside its keys. */
const NAME_LIKE = /(^|_)(name|title|label)$|^(name|title|label)/i;

export interface SelectDnaOptions {
  /** Prune whatever the schema's size (tests and measurements of the pruned form). */
  force?: boolean;
}

/**
 * The tables and columns of a large schema that matter for a question, chosen by the same
 * schema linking the embedded analyst parses with, so a parse of the pruned DNA is the parse of
 * the whole one: every table a word names keeps all its columns (its label, measures and
 * values may all be picked); the tables that only joins reach (on a path between linked tables,
 * foreign-key targets) or that a word reaches only through a key column keep their keys, join
 * columns, name-like, time and status columns. Small schemas are returned whole (no selection).
 */
export function selectDnaForQuestion(dna: DataDna, question: string, options: SelectDnaOptions = {}): ModelDnaOptions {
  const columnCount = dna.tables.reduce((sum, table) => sum + table.columns.length, 0);
  if (!options.force && dna.tables.length <= MAX_TABLES_WHOLE && columnCount <= MAX_COLUMNS_WHOLE) return {};
  const links = linkSchema(question, dna);
  if (links.linked.length === 0) return {};
  const tables = new Set(links.tables);
  for (const table of dna.tables) {
    if (links.linked.includes(table.name)) for (const key of table.foreignKeys) tables.add(key.refTable);
  }
  const referenced = new Set(dna.tables.flatMap((table) => table.foreignKeys.map((key) => `${key.refTable}.${key.refColumn}`.toLowerCase())));
  const columns: Record<string, string[]> = {};
  // Tables a word links only through a key column are pruned like the tables joins reach.
  const whole = new Set(links.linked.filter((name) => !links.throughKey.includes(name)));
  for (const table of dna.tables) {
    if (!tables.has(table.name) || whole.has(table.name)) continue;
    const wanted = new Set([...(links.keys[table.name] ?? []), ...(links.columns[table.name] ?? [])]);
    const keep = (column: ColumnProfile) =>
      column.primaryKey ||
      column.role === 'id' ||
      column.role === 'time' ||
      column.role === 'status' ||
      NAME_LIKE.test(column.name) ||
      referenced.has(`${table.name}.${column.name}`.toLowerCase());
    for (const column of table.columns) if (keep(column)) wanted.add(column.name);
    for (const key of table.foreignKeys) wanted.add(key.column);
    columns[table.name] = table.columns.map((column) => column.name).filter((name) => wanted.has(name));
  }
  return { tables: [...tables], columns };
}
