import type { ForeignKey, TableProfile } from '../../core/dna.js';
import type { Connector } from '../connector.js';
import { plural, singular, splitWords } from './column-synonyms.js';
import { quoteIdentifier, quoteTable, typeFamily } from './dialect-sql.js';

/**
 * Foreign keys the schema does not declare, inferred from names (`customer_id` → `customers.id`),
 * compatible types, and value containment checked by the engine (every value of the column
 * exists in the referenced column).
 */
export async function inferForeignKeys(connector: Connector, tables: TableProfile[], signal?: AbortSignal): Promise<Map<string, ForeignKey[]>> {
  const byName = new Map(tables.map((table) => [table.name.toLowerCase(), table]));
  const inferred = new Map<string, ForeignKey[]>();
  for (const table of tables) {
    const declared = new Set(table.foreignKeys.map((key) => key.column));
    for (const column of table.columns) {
      if (declared.has(column.name) || column.primaryKey) continue;
      const words = splitWords(column.name);
      if (words.length < 2 || words[words.length - 1] !== 'id') continue;
      const stem = words.slice(0, -1).join('_');
      const target = [stem, plural(stem), singular(stem)].map((name) => byName.get(name)).find((candidate) => candidate && candidate !== table);
      if (!target) continue;
      const reference = target.columns.find((candidate) => candidate.name.toLowerCase() === 'id') ?? target.columns.find((candidate) => candidate.name.toLowerCase() === column.name.toLowerCase()) ?? target.columns.find((candidate) => candidate.primaryKey);
      if (!reference || !compatible(column.type, reference.type)) continue;
      if (!(await contained(connector, table.name, column.name, target.name, reference.name, signal))) continue;
      const keys = inferred.get(table.name) ?? [];
      keys.push({ column: column.name, refTable: target.name, refColumn: reference.name, inferred: true });
      inferred.set(table.name, keys);
    }
  }
  return inferred;
}

function compatible(left: string, right: string): boolean {
  const numeric = (type: string) => ['integer', 'decimal', 'float'].includes(typeFamily(type));
  return numeric(left) === numeric(right);
}

async function contained(connector: Connector, table: string, column: string, refTable: string, refColumn: string, signal?: AbortSignal): Promise<boolean> {
  const [t, r] = [table, refTable].map((name) => quoteTable(connector.dialect, name));
  const [c, rc] = [column, refColumn].map(quoteIdentifier);
  const result = await connector.query(
    `SELECT count(*) FROM ${t} WHERE ${c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${r} WHERE ${r}.${rc} = ${t}.${c})`,
    { limit: 1, signal },
  );
  return Number(result.rows[0]?.[0] ?? 1) === 0;
}
