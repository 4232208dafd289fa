import type { ColumnProfile, DerivedMetric } from '../../core/dna.js';
import { quoteIdentifier, sqlLiteral, typeFamily } from './dialect-sql.js';
import { failureValue, successValue } from './infer-column-role.js';

/**
 * Metrics a question is likely to ask for, with the whole table's value as the baseline an
 * answer compares with: failure/success rate from a status column, the rate of a boolean
 * flag, total and average of each measure, and the row count.
 */
export function deriveMetrics(columns: ColumnProfile[], rowCount: number): DerivedMetric[] {
  const metrics: DerivedMetric[] = [{ name: 'row_count', description: 'Number of rows', expression: 'count(*)', baseline: rowCount, unit: 'count' }];
  const countOf = (column: ColumnProfile, value: string) => column.topValues.find((top) => String(top.value) === value)?.count ?? 0;
  let firstStatus = true;
  for (const column of columns) {
    const quoted = quoteIdentifier(column.name);
    if (column.role === 'status') {
      const prefix = firstStatus ? '' : `${column.name}_`;
      firstStatus = false;
      const failed = failureValue(column.topValues);
      const succeeded = successValue(column.topValues);
      // A status column gives the share of rows in its failure value and in its success value.
      const shareOf = (name: string, value: string): DerivedMetric => ({
        name: `${prefix}${name}`,
        description: `Share of rows whose ${column.name} is '${value}'`,
        expression: `avg(CASE WHEN ${quoted} = ${sqlLiteral(value)} THEN 1.0 ELSE 0 END)`,
        baseline: rowCount === 0 ? null : countOf(column, value) / rowCount,
        unit: 'ratio',
      });
      if (failed !== undefined) metrics.push(shareOf('failure_rate', failed));
      if (succeeded !== undefined) metrics.push(shareOf('success_rate', succeeded));
    } else if (column.role === 'boolean') {
      const trueCount = column.topValues.filter((top) => ['true', '1', 't', 'y', 'yes'].includes(String(top.value).toLowerCase())).reduce((sum, top) => sum + top.count, 0);
      const stem = column.name.replace(/^(is|has|was)_/i, '');
      metrics.push({
        name: `${stem}_rate`,
        description: `Share of rows where ${column.name} is true`,
        // Text flags ('yes'/'no') are compared as text; real booleans and 0/1 are tested directly.
        expression: typeFamily(column.type) === 'text'
          ? `avg(CASE WHEN lower(${quoted}) IN ('true', '1', 't', 'y', 'yes') THEN 1.0 ELSE 0 END)`
          : `avg(CASE WHEN ${quoted} THEN 1.0 ELSE 0 END)`,
        baseline: rowCount === 0 ? null : trueCount / rowCount,
        unit: 'ratio',
      });
    } else if (column.role === 'measure') {
      const nonNull = Math.round(rowCount * (1 - column.nullShare));
      metrics.push({
        name: `total_${column.name}`,
        description: `Sum of ${column.name}`,
        expression: `sum(${quoted})`,
        baseline: column.mean === null || column.mean === undefined ? null : column.mean * nonNull,
        unit: 'amount',
      });
      metrics.push({ name: `average_${column.name}`, description: `Average ${column.name}`, expression: `avg(${quoted})`, baseline: column.mean ?? null, unit: 'amount' });
    }
  }
  return metrics;
}
