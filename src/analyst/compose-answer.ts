import type { DataDna } from '../core/dna.js';
import type { QueryResult } from '../core/query-result.js';
import { formatCell, formatPercent } from './format-number.js';
import type { IntentFrame, MeasureSpec } from './intent-frame.js';
import type { SqlParse } from './parse-types.js';

/**
 * The answer in words. Every number is a result cell, or the relative difference of a cell to
 * the DNA baseline of the same metric, said as such.
 */
export function composeAnswer(input: { question: string; parse: SqlParse | null; result: QueryResult; dna: DataDna }): string {
  const { parse, result, dna } = input;
  const frame = parse?.frame ?? null;
  if (result.rows.length === 0) return `No rows matched${parse ? `: ${lowerFirst(parse.explanation)}` : '.'}`;
  const names = result.columns.map((c) => c.name);
  const measureIndex = pickMeasureColumn(names, frame, result);
  const measure = frame?.measures.find((m) => m.label === names[measureIndex]) ?? null;
  const percent = isRatio(measure, dna, frame);
  const baseline = baselineOf(measure, dna, frame);
  const labelIndexes = names.map((_, i) => i).filter((i) => i !== measureIndex && typeof result.rows[0][i] !== 'number' || (frame?.groupBy.some((g) => g.grain) && i === 0));
  const measureWords = measure?.words ?? names[measureIndex] ?? 'value';

  if (frame?.histogram) {
    const peak = result.rows.reduce((best, row) => ((row[1] as number) > (best[1] as number) ? row : best));
    return `The most common ${frame.histogram.column.column} range starts at ${formatCell(peak[0])} (width ${formatCell(frame.histogram.width)}), with ${formatCell(peak[1])} rows; ${result.rows.length} ranges in all.`;
  }
  if (result.rows.length === 1 && (labelIndexes.length === 0 || frame?.groupBy.length === 0)) {
    const row = result.rows[0];
    const parts = names.map((name, i) => {
      const spec = frame?.measures.find((m) => m.label === name);
      const asPercent = spec ? isRatio(spec, dna, frame) : false;
      return `${spec?.words ?? name} is ${formatCell(row[i], asPercent)}`;
    });
    const subject = segmentWords(frame);
    const value = row[measureIndex];
    if (baseline !== null && typeof value === 'number' && subject && names.length === 1) {
      // A sum or count of a segment is a part of the whole: its share says more than "below the overall".
      if (isAdditive(measure, dna, frame)) return `For ${subject}, ${measureWords} is ${formatCell(value)}, ${shareOfTotal(value, baseline)}.`;
      // "Android shows a 6.2% failure rate, 48% above the overall 4.2%."
      return `${subject} shows ${formatCell(value, percent)} ${measureWords}, ${compareWithBaseline(value, baseline, percent)}.`;
    }
    return subject ? `For ${subject}, ${parts.join(', ')}.` : `${capitalise(parts.join(', '))}.`;
  }
  if (frame?.shape === 'list' || typeof result.rows[0][measureIndex] !== 'number') {
    if (result.rows.length === 1) return `${capitalise(names.map((name, i) => `${name} is ${formatCell(result.rows[0][i])}`).join(', '))}.`;
    const shown = result.rows.slice(0, 5).map((row) => row.map((cell) => formatCell(cell)).join(' / '));
    return `${formatCell(result.rowCount)}${result.truncated ? '+' : ''} rows (${names.join(', ')}): ${shown.join('; ')}${result.rows.length > 5 ? '; …' : ''}.`;
  }
  const label = (row: QueryResult['rows'][number]) => labelIndexes.map((i) => formatCell(row[i])).join(' / ') || '(all)';
  if (frame?.groupBy.some((g) => g.grain) && frame.shape === 'timeseries') {
    const first = result.rows[0];
    const last = result.rows[result.rows.length - 1];
    const peak = result.rows.reduce((best, row) => ((row[measureIndex] as number) > (best[measureIndex] as number) ? row : best));
    return `${capitalise(measureWords)} went from ${formatCell(first[measureIndex], percent)} in ${label(first)} to ${formatCell(last[measureIndex], percent)} in ${label(last)}, peaking at ${formatCell(peak[measureIndex], percent)} in ${label(peak)} (${result.rows.length} periods).`;
  }
  const top = result.rows.slice(0, 3).map((row) => `${label(row)} ${formatCell(row[measureIndex], percent)}`);
  const direction = frame?.orderBy[0]?.direction === 'asc' ? 'lowest' : 'highest';
  const segment = segmentWords(frame);
  let text = result.rows.length === 1
    ? `${label(result.rows[0])} has the ${direction} ${measureWords}${segment ? ` (${segment})` : ''}: ${formatCell(result.rows[0][measureIndex], percent)}.`
    : `${capitalise(measureWords)} by ${labelNames(names, labelIndexes)}${segment ? ` (${segment})` : ''}: ${top.join(', ')}${result.rows.length > 3 ? ` (${result.rows.length} groups)` : ''}.`;
  const lead = result.rows[0][measureIndex];
  if (baseline !== null && typeof lead === 'number') {
    // "South: 350.75, 21% of the total 1,650.20" for sums and counts; rates and averages compare with the overall.
    text += isAdditive(measure, dna, frame)
      ? ` ${label(result.rows[0])}: ${formatCell(lead)}, ${shareOfTotal(lead, baseline, (frame?.filters.length ?? 0) > 0)}.`
      : ` ${label(result.rows[0])} is ${compareWithBaseline(lead, baseline, percent)}.`;
  }
  return text;
}

function pickMeasureColumn(names: string[], frame: IntentFrame | null, result: QueryResult): number {
  if (frame) {
    for (const measure of frame.measures) {
      const i = names.indexOf(measure.label);
      if (i >= 0) return i;
    }
  }
  for (let i = names.length - 1; i >= 0; i--) if (typeof result.rows[0][i] === 'number' && names[i] !== 'share') return i;
  return names.length - 1;
}

function isRatio(measure: MeasureSpec | null, dna: DataDna, frame: IntentFrame | null): boolean {
  if (!measure) return false;
  if (measure.aggregate === 'rate') return true;
  const metric = findMetric(measure, dna, frame);
  return metric?.unit === 'ratio';
}

function findMetric(measure: MeasureSpec | null, dna: DataDna, frame: IntentFrame | null) {
  if (!measure?.metricName || !frame) return undefined;
  return dna.tables.find((t) => t.name === frame.table)?.derivedMetrics.find((m) => m.name === measure.metricName);
}

function baselineOf(measure: MeasureSpec | null, dna: DataDna, frame: IntentFrame | null): number | null {
  const metric = findMetric(measure, dna, frame);
  return metric && typeof metric.baseline === 'number' ? metric.baseline : null;
}

/** A sum or a count (not of distinct values): the groups' values add up to the table's total. */
function isAdditive(measure: MeasureSpec | null, dna: DataDna, frame: IntentFrame | null): boolean {
  if (!measure) return false;
  const metric = findMetric(measure, dna, frame);
  if (metric) return metric.unit !== 'ratio' && /^\s*(sum|count)\s*\(/i.test(metric.expression) && !/count\s*\(\s*distinct/i.test(metric.expression);
  return measure.aggregate === 'sum' || measure.aggregate === 'count';
}

/**
 * "21% of the total 1,650.20": a result cell as a share of the baseline, the whole table's total;
 * under filters that total is not the filtered one, so it is called the overall total.
 */
function shareOfTotal(value: number, total: number, filtered = false): string {
  const whole = filtered ? 'the overall total' : 'the total';
  if (total === 0) return `against ${whole} of ${formatCell(total)}`;
  const share = value / total;
  const shown = Math.abs(share) >= 0.01 ? `${Math.round(share * 100)}%` : formatPercent(share);
  return `${shown} of ${whole} ${formatCell(total)}`;
}

/** "48% above the overall 4.2%": the relative difference of a result cell to the baseline. */
function compareWithBaseline(value: number, baseline: number, percent: boolean): string {
  const shown = percent ? formatPercent(baseline) : formatCell(baseline);
  if (baseline === 0) return `against an overall ${shown}`;
  const relative = (value - baseline) / Math.abs(baseline);
  if (Math.abs(relative) < 0.005) return `in line with the overall ${shown}`;
  return `${Math.round(Math.abs(relative) * 100)}% ${relative > 0 ? 'above' : 'below'} the overall ${shown}`;
}

function segmentWords(frame: IntentFrame | null): string {
  if (!frame) return '';
  return frame.filters.map((f) => f.segment ?? f.words).join(', ');
}

function labelNames(names: string[], indexes: number[]): string {
  return indexes.map((i) => names[i]).join(' and ') || 'group';
}

function capitalise(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0].toLowerCase() + text.slice(1) : text;
}
