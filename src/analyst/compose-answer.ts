import type { DataDna } from '../core/dna.js';
import type { QueryResult } from '../core/query-result.js';
import { columnWords, describeRows, rowsNoun } from './explain-frame.js';
import { formatCell, formatPercent, formatPeriod } from './format-number.js';
import type { IntentFrame, MeasureSpec } from './intent-frame.js';
import type { SqlParse } from './parse-types.js';

type Row = QueryResult['rows'][number];

/**
 * The answer in words, as an analyst would say it: the number, what it counts ("failed Android
 * payments in Q1 2024"), and how it compares. Every number is a result cell, or a stated ratio of
 * a cell to the DNA baseline (the overall value or the whole table's total) of the same metric.
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
  const measureWords = plainWords(measure?.words ?? columnWords(names[measureIndex] ?? 'value'));
  const noun = frame ? countedNoun(measure) ?? rowsNoun(frame.table) : 'rows';
  const additive = isAdditive(measure, dna, frame);
  const value = (row: Row) => formatCell(row[measureIndex], percent);
  const versus = (row: Row, short = false) => compareWithBaseline(row[measureIndex] as number, baseline as number, percent, short);
  const share = (row: Row, filtered: boolean) => shareOfTotal(row[measureIndex] as number, baseline as number, countedNoun(measure) ? noun : null, filtered);

  if (frame?.histogram) {
    const peak = result.rows.reduce((best, row) => ((row[1] as number) > (best[1] as number) ? row : best));
    return `The most common ${columnWords(frame.histogram.column.column)} range starts at ${formatCell(peak[0])} (ranges are ${formatCell(frame.histogram.width)} wide), with ${formatCell(peak[1])} ${noun}; ${result.rows.length} ranges in all.`;
  }
  if (result.rows.length === 1 && (labelIndexes.length === 0 || frame?.groupBy.length === 0)) {
    const row = result.rows[0];
    const filtered = (frame?.filters.length ?? 0) > 0;
    const rows = frame ? describeRows(frame, noun) : noun;
    const comparable = baseline !== null && typeof row[measureIndex] === 'number' && filtered && names.length === 1;
    const plain = frame !== null && frame.having.length === 0 && frame.setConditions.length === 0;
    if (measure && names.length === 1 && plain && measure.aggregate === 'count' && countedNoun(measure)) {
      // "There are 49,556 failed payments, 4.51% of all 1,099,104 payments."
      return `There ${verb(frame, row[0] === 1)} ${value(row)} ${rows}${comparable ? `, ${share(row, false)}` : ''}.`;
    }
    if (measure && names.length === 1 && plain && measure.aggregate === 'count_distinct') {
      const distinct = measureWords.replace(/^number of /, '');
      return `There ${verb(frame, row[0] === 1)} ${value(row)} ${distinct}${filtered ? ` among ${describeRows(frame, rowsNoun(frame.table))}` : ''}.`;
    }
    if (names.length === 1) {
      const subject = filtered && plain ? `${measureWords} of ${rows}` : measureWords;
      // A sum or count of a segment is a part of the whole: its share says more than "below the overall".
      const comparison = comparable ? `, ${additive ? share(row, true) : versus(row)}` : '';
      const segment = filtered && !plain ? ` (${segmentWords(frame)})` : '';
      return `The ${subject}${segment} is ${value(row)}${comparison}.`;
    }
    const parts = names.map((name, i) => {
      const spec = frame?.measures.find((m) => m.label === name);
      return `the ${plainWords(spec?.words ?? columnWords(name))} is ${formatCell(row[i], spec ? isRatio(spec, dna, frame) : false)}`;
    });
    const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
    return filtered ? `For ${rows}, ${list}.` : `${capitalise(list)}.`;
  }
  if (frame?.shape === 'list' || typeof result.rows[0][measureIndex] !== 'number') {
    if (result.rows.length === 1) return `${capitalise(names.map((name, i) => `${name} is ${formatCell(result.rows[0][i])}`).join(', '))}.`;
    const shown = result.rows.slice(0, 5).map((row) => row.map((cell) => formatCell(cell)).join(' / '));
    return `${formatCell(result.rowCount)}${result.truncated ? '+' : ''} rows (${names.join(', ')}): ${shown.join('; ')}${result.rows.length > 5 ? '; …' : ''}.`;
  }
  const grain = frame?.groupBy.find((g) => g.grain)?.grain;
  const label = (row: Row) => labelIndexes.map((i, n) => (n === 0 && grain ? formatPeriod(row[i], grain) : formatCell(row[i]))).join(' / ') || '(all)';
  // Filters on the grouped columns are said by the group labels ("Android vs iOS").
  const grouped = new Set(frame?.groupBy.filter((g) => !g.grain).map((g) => `${g.column.table}.${g.column.column}`) ?? []);
  const rows = frame ? describeRows(frame, noun, grouped) : noun;
  const filtered = rows !== noun;
  const subject = countedNoun(measure) ? `number of ${rows}` : filtered ? `${measureWords} of ${rows}` : measureWords;
  // "Failure rate by bank for payments in 2024" reads better than "failure rate of payments in 2024 by bank".
  const byGroups = (groups: string) => (countedNoun(measure) || !filtered ? `${subject} by ${groups}` : `${measureWords} by ${groups} for ${rows}`);
  const first = result.rows[0];
  const last = result.rows[result.rows.length - 1];
  if (grain && frame?.shape === 'timeseries') {
    const peak = result.rows.reduce((best, row) => ((row[measureIndex] as number) > (best[measureIndex] as number) ? row : best));
    const mark = (row: Row) => (row === peak ? ' (the peak)' : '');
    const peaking = peak !== first && peak !== last ? `, peaking at ${value(peak)} in ${label(peak)}` : '';
    const every: Record<string, string> = { hour: 'hourly', day: 'daily', week: 'weekly', month: 'monthly', quarter: 'quarterly', year: 'yearly' };
    const series = every[grain] ? `${every[grain]} ${subject}` : `${subject} per ${grain}`;
    return `The ${series} went from ${value(first)} in ${label(first)}${mark(first)} to ${value(last)} in ${label(last)}${mark(last)}${peaking}, over ${result.rows.length} ${grain}s.`;
  }
  const groups = labelIndexes.length === 1 ? columnWords(names[labelIndexes[0]]) : labelIndexes.map((i) => columnWords(names[i])).join(' and ') || 'group';
  const groupsNoun = labelIndexes.length === 1 ? rowsNoun(names[labelIndexes[0]]) : 'groups';
  const comparable = baseline !== null && typeof first[measureIndex] === 'number';
  const ordered = frame?.orderBy[0] !== undefined;
  const direction = frame?.orderBy[0]?.direction === 'asc' ? 'lowest' : 'highest';
  if (result.rows.length === 1) {
    const among = filtered ? ` among ${rows}` : '';
    const superlative = countedNoun(measure) ? `the ${direction === 'lowest' ? 'fewest' : 'most'} ${rows}` : `the ${direction} ${measureWords}${among}`;
    const head = ordered ? `${label(first)} has ${superlative}, at ${value(first)}` : `The ${subject} for ${label(first)} is ${value(first)}`;
    return `${head}${comparable ? `, ${additive ? share(first, filtered) : versus(first)}` : ''}.`;
  }
  if (frame?.shape === 'compare' && result.rows.length === 2) {
    // "Android has a failure rate of 5.46%, against 2.65% for iOS."
    const head = countedNoun(measure)
      ? `There are ${value(first)} ${rows} for ${label(first)}, against ${value(last)} for ${label(last)}`
      : `${label(first)} has ${/^[aeiou]/i.test(measureWords) ? 'an' : 'a'} ${measureWords}${filtered ? ` among ${rows}` : ''} of ${value(first)}, against ${value(last)} for ${label(last)}`;
    const bothInLine = comparable && versus(first).startsWith('in line') && versus(last).startsWith('in line');
    const against = !comparable || additive ? '' : bothInLine
      ? ` Both are in line with the overall ${percent ? formatPercent(baseline) : formatCell(baseline)}.`
      : ` ${label(first)} is ${versus(first)} and ${label(last)} ${versus(last, true)}.`;
    return `${head}.${against}`;
  }
  const shown = result.rows.length <= 5 ? result.rows : result.rows.slice(0, 3);
  // A label ending in a digit ("2015", "Laptop Pro 14") needs a colon to be read apart from its value.
  const listed = shown.map((row) => `${label(row)}${/\d$/.test(label(row)) ? ':' : ''} ${value(row)}`).join(', ');
  const topN = frame !== null && frame.limit !== null && ordered && result.rows.length === frame.limit;
  let text = topN
    ? `The ${direction === 'lowest' ? 'bottom' : 'top'} ${result.rows.length} ${groupsNoun} by ${subject}: ${listed}.`
    : `${capitalise(byGroups(groups))}: ${listed}${shown.length < result.rows.length ? `, … (${result.rows.length} ${groupsNoun} in all)` : ''}.`;
  if (comparable) {
    // Sums and counts: the leader's share of the total; rates and averages: both ends against the overall.
    if (additive) text += ` ${label(first)} accounts for ${share(first, filtered)}.`;
    else if (ordered && versus(first).startsWith('in line') && versus(last).startsWith('in line')) text += ` All ${groupsNoun} are in line with the overall ${percent ? formatPercent(baseline) : formatCell(baseline)}.`;
    else text += ` ${label(first)} is ${versus(first)}${ordered ? `; ${label(last)} is ${versus(last, true)}` : ''}.`;
  }
  return text;
}

/** "were" for rows of a past date range ("last month"), "are" otherwise. */
function verb(frame: IntentFrame, one: boolean): string {
  const past = frame.filters.some((f) => f.halfOpen && /^(last|in the last|year to date)\b/.test(f.segment ?? ''));
  return past ? (one ? 'was' : 'were') : one ? 'is' : 'are';
}

/** "payments" from a row count's words ("number of payments"); undefined for other measures. */
function countedNoun(measure: MeasureSpec | null): string | undefined {
  if (measure?.aggregate !== 'count' || measure.hidden) return undefined;
  const counted = /^number of (.+)$/.exec(measure.words)?.[1];
  // The words may be the table's own singular name ("number of singer").
  return counted === undefined ? undefined : rowsNoun(counted);
}

/** Measure words as a sentence uses them mid-line: "Total Revenue" → "total revenue". */
function plainWords(words: string): string {
  return words.replace(/\b([A-Z])([a-z]+)\b/g, (_, head: string, rest: string) => `${head.toLowerCase()}${rest}`);
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

/**
 * The DNA metric a measure is: by name, or for a plain sum/avg/count of a column of the base table
 * (no joins, which repeat rows) the metric with the same expression ("sum(amount)").
 */
function findMetric(measure: MeasureSpec | null, dna: DataDna, frame: IntentFrame | null) {
  if (!measure || !frame) return undefined;
  const metrics = dna.tables.find((t) => t.name === frame.table)?.derivedMetrics;
  if (measure.metricName) return metrics?.find((m) => m.name === measure.metricName);
  const { column } = measure;
  if (!column || column.table !== frame.table || frame.joins.length > 0 || !['sum', 'avg'].includes(measure.aggregate)) return undefined;
  const expression = `${measure.aggregate}(${column.column})`.toLowerCase();
  return metrics?.find((m) => m.expression.replace(/["`\s]/g, '').toLowerCase() === expression);
}

/**
 * The overall value of the measure: its DNA metric's baseline, or for a plain row count of one
 * table (no joins or set conditions, which change what a row is) the table's row count.
 */
function baselineOf(measure: MeasureSpec | null, dna: DataDna, frame: IntentFrame | null): number | null {
  const metric = findMetric(measure, dna, frame);
  if (metric) return typeof metric.baseline === 'number' ? metric.baseline : null;
  if (!frame || !countedNoun(measure) || frame.joins.length > 0 || frame.setConditions.length > 0 || frame.having.length > 0) return null;
  const rowCount = dna.tables.find((t) => t.name === frame.table)?.rowCount;
  return typeof rowCount === 'number' ? rowCount : null;
}

/** A sum or a count (not of distinct values): the groups' values add up to the table's total. */
function isAdditive(measure: MeasureSpec | null, dna: DataDna, frame: IntentFrame | null): boolean {
  if (!measure) return false;
  const metric = findMetric(measure, dna, frame);
  if (metric) return metric.unit !== 'ratio' && /^\s*(sum|count)\s*\(/i.test(metric.expression) && !/count\s*\(\s*distinct/i.test(metric.expression);
  return measure.aggregate === 'sum' || measure.aggregate === 'count';
}

/**
 * "21% of the total 1,650.20", "4.51% of all 1,099,104 payments": a result cell as a share of the
 * baseline, the whole table's total; under filters that total is not the filtered one, so it is
 * called the overall total. Shares under 10% keep two decimals so they do not round to 0% or 5%.
 */
function shareOfTotal(value: number, total: number, counted: string | null, filtered: boolean): string {
  const whole = counted ? `all ${formatCell(total)} ${counted}` : `${filtered ? 'the overall total' : 'the total'} ${formatCell(total)}`;
  if (total === 0) return `against ${whole}`;
  const share = value / total;
  const shown = Math.abs(share) >= 0.1 ? `${Math.round(share * 100)}%` : formatPercent(share);
  return `${shown} of ${whole}`;
}

/** "48% above the overall 4.2%" (or "48% above it" after a first comparison): the relative difference to the baseline. */
function compareWithBaseline(value: number, baseline: number, percent: boolean, short = false): string {
  const overall = short ? 'it' : `the overall ${percent ? formatPercent(baseline) : formatCell(baseline)}`;
  if (baseline === 0) return short ? 'against it' : `against an overall ${percent ? formatPercent(baseline) : formatCell(baseline)}`;
  const relative = (value - baseline) / Math.abs(baseline);
  if (Math.abs(relative) < 0.005) return `in line with ${overall}`;
  return `${Math.round(Math.abs(relative) * 100)}% ${relative > 0 ? 'above' : 'below'} ${overall}`;
}

function segmentWords(frame: IntentFrame | null): string {
  if (!frame) return '';
  return frame.filters.map((f) => f.segment ?? f.words).join(', ');
}

function capitalise(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0].toLowerCase() + text.slice(1) : text;
}
