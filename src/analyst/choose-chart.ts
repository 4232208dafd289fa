import type { QueryResult } from '../core/query-result.js';
import type { IntentFrame } from './intent-frame.js';
import { vizCode } from './viz-code.js';

export type ChartType = 'bar' | 'line' | 'pie' | 'kpi' | 'table' | 'histogram' | 'scatter';

/** A chart for the result's shape and the frame, with the `Viz` component code and its default params. */
export function chooseChart(input: { question: string; frame: IntentFrame | null; result: QueryResult }): {
  type: ChartType;
  x: string | null;
  y: string[];
  code: string;
  params: Record<string, unknown>;
} {
  const { frame, result, question } = input;
  const names = result.columns.map((c) => c.name);
  const first = result.rows[0] ?? [];
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
  void first;
  const title = question.trim().replace(/\?$/, '').slice(0, 80);
  return { type, x, y, code: vizCode(x, y), params: { title, chartType: type === 'histogram' ? 'bar' : type, colorScheme: 'default' } };
}

function isTimeColumn(result: QueryResult, index: number): boolean {
  const type = result.columns[index]?.type.toUpperCase() ?? '';
  if (/DATE|TIME/.test(type)) return result.rows.length > 1;
  return result.rows.length > 1 && result.rows.every((row) => typeof row[index] === 'string' && /^\d{4}-\d{2}(-\d{2})?/.test(row[index] as string));
}
