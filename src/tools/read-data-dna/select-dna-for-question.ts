import { linkSchema } from '../../analyst/index.js';
import type { DataDna } from '../../core/dna.js';
import type { ModelDnaOptions } from './model-dna.js';

/** Below these sizes the whole DNA goes to the model: pruning would only risk losing a column. */
const MAX_TABLES_WHOLE = 8;
const MAX_COLUMNS_WHOLE = 120;

/**
 * The tables and columns of a large schema that matter for a question, by the analyst's
 * schema linking, plus what a query needs around them: keys, time columns and the tables the
 * foreign keys reach. Small schemas are returned whole (no selection).
 */
export function selectDnaForQuestion(dna: DataDna, question: string): ModelDnaOptions {
  const columnCount = dna.tables.reduce((sum, table) => sum + table.columns.length, 0);
  if (dna.tables.length <= MAX_TABLES_WHOLE && columnCount <= MAX_COLUMNS_WHOLE) return {};
  const linked = linkSchema(question, dna);
  if (linked.tables.length === 0) return {};
  const tables = new Set(linked.tables);
  for (const table of dna.tables) {
    if (tables.has(table.name)) for (const key of table.foreignKeys) tables.add(key.refTable);
  }
  const columns: Record<string, string[]> = {};
  for (const table of dna.tables) {
    if (!tables.has(table.name)) continue;
    const wanted = new Set(linked.columns[table.name] ?? []);
    for (const column of table.columns) {
      if (column.primaryKey || column.role === 'id' || column.role === 'time' || column.role === 'status') wanted.add(column.name);
    }
    for (const key of table.foreignKeys) wanted.add(key.column);
    // A table reached only through a key keeps all its columns: we cannot tell which matter.
    if (linked.columns[table.name]?.length) columns[table.name] = [...wanted];
  }
  return { tables: [...tables], columns };
}
