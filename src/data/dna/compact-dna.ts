import type { ColumnProfile, DataDna } from '../../core/dna.js';
import { formatNumber } from './format-dna.js';

export interface CompactDnaOptions {
  tables?: string[];
  /** Top values listed per column (default 8). */
  maxTopValues?: number;
}

/**
 * The DNA in few tokens, for model prompts: a line per table, then one line per column —
 * `name type role [facts]` — and the derived metrics with their expressions and baselines.
 */
export function compactDna(dna: DataDna, options: CompactDnaOptions = {}): string {
  const maxTopValues = options.maxTopValues ?? 8;
  const tables = options.tables ? dna.tables.filter((table) => options.tables!.includes(table.name)) : dna.tables;
  const lines = [`datasource ${dna.datasource} dialect ${dna.dialect}`];
  for (const table of tables) {
    const sampled = table.sampled ? ` sampled=${table.sampled.rows}` : '';
    const about = table.description ? ` about="${table.description}"` : '';
    lines.push(`table ${table.name} rows=${table.rowCount}${sampled}${table.synonyms.length ? ` aka ${table.synonyms.slice(0, 4).join('|')}` : ''}${about}`);
    for (const column of table.columns) lines.push(`- ${column.name} ${column.type} ${column.role}${facts(column, maxTopValues, table.rowCount)}`);
    for (const key of table.foreignKeys) lines.push(`fk ${key.column}->${key.refTable}.${key.refColumn}`);
    for (const metric of table.derivedMetrics) {
      if (metric.name === 'row_count') continue;
      const baseline = metric.baseline === null ? '' : ` baseline=${metric.unit === 'ratio' ? metric.baseline.toFixed(4) : formatNumber(metric.baseline).replace(/,/g, '')}`;
      lines.push(`metric ${metric.name}=${metric.expression}${baseline}`);
    }
  }
  return lines.join('\n');
}

function facts(column: ColumnProfile, maxTopValues: number, rowCount: number): string {
  const parts: string[] = [];
  if (column.primaryKey) parts.push('pk');
  if (column.nullShare > 0) parts.push(`nulls=${(column.nullShare * 100).toFixed(1)}%`);
  if (column.role !== 'id' && column.role !== 'measure' && column.distinctCount !== rowCount) parts.push(`distinct=${column.distinctCount}`);
  if (column.timeRange) parts.push(`range=${column.timeRange.min}..${column.timeRange.max} grain=${column.timeRange.grain}`);
  else if (column.topValues.length > 0 && column.role !== 'measure') {
    const values = column.topValues.slice(0, maxTopValues).map((top) => String(top.value));
    parts.push(`values=${values.join('|')}${column.distinctCount > values.length ? '|…' : ''}`);
  } else if (typeof column.min === 'number' && typeof column.max === 'number') {
    parts.push(`range=${column.min}..${column.max}`);
    if (typeof column.mean === 'number') parts.push(`mean=${Number(column.mean.toPrecision(6))}`);
  }
  if (column.synonyms.length > 0) parts.push(`aka ${column.synonyms.slice(0, 4).join('|')}`);
  // Saved synonyms of values: "active" means the value 'live'.
  for (const alias of column.valueSynonyms ?? []) parts.push(`"${alias.word}"='${alias.value}'`);
  if (column.description) parts.push(`about="${column.description}"`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
