import type { ColumnProfile, DataDna, TableProfile } from '../../core/dna.js';

/**
 * A readable text rendering of the DNA for `insightx dna [table]`: each table with its row
 * count, then one line per column (name, type, role, nulls, distinct, top values or range),
 * then keys and derived metrics with their baselines.
 */
export function formatDna(dna: DataDna, table?: string): string {
  const tables = table === undefined ? dna.tables : dna.tables.filter((candidate) => candidate.name.toLowerCase() === table.toLowerCase());
  if (tables.length === 0) {
    return `No table "${table}" in ${dna.datasource}. Tables: ${dna.tables.map((candidate) => candidate.name).join(', ')}.`;
  }
  const header = `Data DNA of ${dna.datasource} (${dna.dialect}), ${dna.tables.length} table${dna.tables.length === 1 ? '' : 's'}, profiled ${dna.generatedAt}`;
  return [header, ...tables.map(formatTable)].join('\n\n');
}

function formatTable(table: TableProfile): string {
  const nameWidth = Math.max(6, ...table.columns.map((column) => column.name.length));
  const typeWidth = Math.max(4, ...table.columns.map((column) => column.type.length));
  const lines = [`${table.name} — ${formatCount(table.rowCount)} rows${table.description ? ` — ${table.description}` : ''}`];
  if (table.sampled) lines.push(`  sampled: ${formatCount(table.sampled.rows)} rows (${table.sampled.method}); from the sample: ${table.sampled.figures.join(', ')}`);
  for (const column of table.columns) {
    const cells = [
      column.name.padEnd(nameWidth),
      column.type.padEnd(typeWidth),
      `${column.role}${column.primaryKey ? ' (pk)' : ''}`.padEnd(14),
      `nulls ${formatPercent(column.nullShare)}`.padEnd(12),
      `distinct ${formatCount(column.distinctCount)}`.padEnd(18),
      describeValues(column),
    ];
    lines.push(`  ${cells.join('  ').trimEnd()}`);
    if (column.description) lines.push(`  ${' '.repeat(nameWidth)}  ↳ ${column.description}`);
  }
  for (const key of table.foreignKeys) lines.push(`  key: ${key.column} → ${key.refTable}.${key.refColumn}${key.inferred ? ' (inferred)' : ''}`);
  for (const metric of table.derivedMetrics) {
    if (metric.name === 'row_count') continue;
    lines.push(`  metric: ${metric.name} = ${metric.expression}; overall ${formatMetric(metric.baseline, metric.unit)}`);
  }
  return lines.join('\n');
}

/** Top values for categories, the range and mean for numbers, the span and grain for time. */
export function describeValues(column: ColumnProfile, maxTopValues = 6): string {
  if (column.timeRange) return `${column.timeRange.min} … ${column.timeRange.max} (${column.timeRange.grain})`;
  if (column.topValues.length > 0 && column.role !== 'measure') {
    const shown = column.topValues.slice(0, maxTopValues).map((top) => `${String(top.value)} (${formatCount(top.count)})`);
    const more = column.distinctCount - Math.min(maxTopValues, column.topValues.length);
    return `${shown.join(', ')}${more > 0 ? `, … +${formatCount(more)}` : ''}`;
  }
  if (typeof column.min === 'number' || typeof column.max === 'number') {
    const parts = [`${formatNumber(column.min)} … ${formatNumber(column.max)}`];
    if (typeof column.mean === 'number') parts.push(`mean ${formatNumber(column.mean)}`);
    if (column.quantiles?.p50 !== null && column.quantiles?.p50 !== undefined) parts.push(`median ${formatNumber(column.quantiles.p50)}`);
    return parts.join(', ');
  }
  return '';
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

function formatPercent(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)}%`;
}

export function formatNumber(value: number | string | null | undefined): string {
  if (typeof value !== 'number') return String(value ?? '—');
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) < 1 ? 4 : 2 });
}

function formatMetric(value: number | null, unit: string): string {
  if (value === null) return '—';
  return unit === 'ratio' ? `${(value * 100).toFixed(2)}%` : formatNumber(value);
}
