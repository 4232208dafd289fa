import type { DataDna } from '../core/dna.js';
import type { QueryResult } from '../core/query-result.js';
import { restate } from './interpret-frame.js';
import type { IntentFrame } from './intent-frame.js';
import { vizCode } from './viz-code.js';

export type ChartType = 'bar' | 'line' | 'pie' | 'kpi' | 'table' | 'histogram' | 'scatter';

/**
 * A chart for the result's shape and the frame, with the `Viz` component code and its default
 * params. `dna` (optional) tells which derived metrics are ratios; without it the frame and the
 * column names decide.
 */
export function chooseChart(input: { question: string; frame: IntentFrame | null; result: QueryResult; dna?: DataDna | null }): {
  type: ChartType;
  x: string | null;
  y: string[];
  code: string;
  params: Record<string, unknown>;
} {
  const { frame, result, question } = input;
  const names = result.columns.map((c) => c.name);
  const numeric = names.filter((_, i) => result.rows.length > 0 && result.rows.every((row) => row[i] === null || typeof row[i] === 'number'));
  const categorical = names.filter((name) => !numeric.includes(name));
  let type: ChartType;
  let x: string | null = null;
  let y: string[] = [];
  const measureLabels = frame?.measures.map((m) => m.label).filter((l) => names.includes(l)) ?? [];
  if (result.rows.length === 0) type = 'table';
  else if (frame?.histogram) { type = 'histogram'; x = names[0]; y = [names[1]]; }
  else if (result.rows.length === 1 && categorical.length === 0) { type = 'kpi'; y = numeric; }
  else if (frame?.groupBy.some((g) => g.grain) || isTimeColumn(result, 0)) {
    type = 'line';
    x = names[0];
    y = measureLabels.length ? measureLabels : numeric.filter((n) => n !== x);
  } else if (categorical.length >= 1 && numeric.length >= 1) {
    x = categorical[0];
    y = measureLabels.length ? measureLabels : numeric.filter((n) => n !== 'share').slice(0, 3);
    const shareWords = /\b(share|distribution|breakdown|split|proportion|percentage)\b/i.test(question);
    type = shareWords && result.rows.length <= 8 && y.length === 1 && !frame?.measures.some((m) => m.aggregate === 'rate' || m.aggregate === 'metric') ? 'pie' : 'bar';
  } else if (numeric.length >= 2 && categorical.length === 0 && result.rows.length > 1) {
    type = 'scatter';
    x = numeric[0];
    y = [numeric[1]];
  } else type = 'table';
  // The title names what was computed (the reading's restatement, or the columns drawn), never the question's words.
  const title = (frame ? restate(frame) : x && y.length > 0 ? `${y.join(', ')} by ${x}` : names.join(', ')).slice(0, 80);
  return { type, x, y, code: vizCode(x, y, { percent: percentColumns(result, frame, input.dna ?? null) }), params: { title, chartType: type === 'histogram' ? 'bar' : type, colorScheme: 'default' } };
}

/** Names that say a column is a ratio: `failure_rate`, `share`, `conversion_ratio`, `pct`, `refund_percent`. */
const RATIO_NAME = /(^|_)(rate|share|ratio|pct|percent|percentage)$/i;

/**
 * The result columns holding ratios (0..1), which the chart shows as percentages like the
 * answer does (compose-answer `isRatio`): the frame's rate measures, derived metrics of unit
 * ratio, the `share` column. A column that is a ratio only by its name must also hold values
 * within ±1, since a `discount_pct` of 15 already is a percentage.
 */
function percentColumns(result: QueryResult, frame: IntentFrame | null, dna: DataDna | null): string[] {
  const metrics = dna?.tables.find((table) => table.name === frame?.table)?.derivedMetrics ?? [];
  return result.columns
    .map((column, index) => ({ name: column.name, index }))
    .filter(({ name, index }) => {
      const measure = frame?.measures.find((m) => m.label === name);
      if (measure?.aggregate === 'rate') return true;
      const metric = measure?.metricName ? metrics.find((m) => m.name === measure.metricName) : undefined;
      if (metric) return metric.unit === 'ratio';
      if (name === 'share' && frame?.withShare) return true;
      if (!RATIO_NAME.test(name)) return false;
      const values = result.rows.map((row) => row[index]).filter((cell) => cell !== null);
      return values.length > 0 && values.every((cell) => typeof cell === 'number' && Math.abs(cell) <= 1);
    })
    .map(({ name }) => name);
}

function isTimeColumn(result: QueryResult, index: number): boolean {
  const type = result.columns[index]?.type.toUpperCase() ?? '';
  if (/DATE|TIME/.test(type)) return result.rows.length > 1;
  return result.rows.length > 1 && result.rows.every((row) => typeof row[index] === 'string' && /^\d{4}-\d{2}(-\d{2})?/.test(row[index] as string));
}
