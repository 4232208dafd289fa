import pc from 'picocolors';
import { format } from 'sql-formatter';
import type { RunOutcome } from '../../agents/orchestrator.js';
import type { Dialect } from '../../core/dna.js';
import type { Interpretation } from '../../core/interpretation.js';
import { formatResultTable } from './result-table.js';

const FORMATTER_LANGUAGE: Record<Dialect, 'duckdb' | 'sqlite' | 'postgresql' | 'mysql' | 'sql'> = {
  duckdb: 'duckdb',
  sqlite: 'sqlite',
  postgres: 'postgresql',
  clickhouse: 'sql',
  mysql: 'mysql',
};

/**
 * The reading of the question: the restatement, then each part with the words it came from
 * ("filter  channel is 'portal'  ← portal"), and the words nothing accounts for.
 */
export function formatInterpretation(interpretation: Interpretation): string {
  const lines = [`${pc.bold('Reading')}  ${interpretation.restatement}`];
  for (const part of interpretation.parts) {
    const words = part.words.length > 0 ? pc.dim(`  ← ${part.words.map((word) => `"${word}"`).join(', ')}`) : '';
    lines.push(`  ${part.role.padEnd(8)} ${part.text}${words}`);
  }
  if (interpretation.unaccounted.length > 0) lines.push(pc.yellow(`  not understood: ${interpretation.unaccounted.map((word) => `"${word}"`).join(', ')}`));
  return lines.join('\n');
}

/** SQL laid out for reading; SQL the formatter cannot read is shown as it is. */
export function formatSql(sql: string, dialect: Dialect): string {
  try {
    return format(sql, { language: FORMATTER_LANGUAGE[dialect], keywordCase: 'upper' });
  } catch {
    return sql;
  }
}

/** The human-readable answer: how the question was read, the SQL, the first rows, the answer, the datasource it used, the chart kind. */
export function printAnswer(outcome: RunOutcome, dialect: Dialect, write: (text: string) => void, color = false, datasource: string | null = null): void {
  if (outcome.interpretation) write(`\n${formatInterpretation(outcome.interpretation)}\n`);
  if (outcome.sql) {
    write(`\n${pc.bold('SQL')}\n${formatSql(outcome.sql, dialect)}\n`);
    write(`\n${formatResultTable(outcome.columns, outcome.rows, outcome.rowCount, color)}\n`);
  }
  if (outcome.answer) write(`\n${pc.bold('Answer')}\n${outcome.answer}\n`);
  if (datasource) write(`${pc.dim(`Datasource: ${datasource}`)}\n`);
  if (outcome.chart) write(pc.dim(`\nChart: ${outcome.chart.type} (a React component; --json prints its code)\n`));
}
