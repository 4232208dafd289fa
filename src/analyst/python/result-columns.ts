import type { Cell, QueryColumn } from '../../core/query-result.js';
import { splitIdentifier, stem } from '../tokenize.js';

/** What a result column can play in a statistical analysis. */
export interface ResultColumnRoles {
  /** Columns whose non-null values are all numbers (and not ids). */
  numeric: string[];
  /** Text columns: the labels of rows (states, devices). */
  labels: string[];
  /** Dates, timestamps, or time buckets named like `month` / `day`. */
  times: string[];
}

const TIME_TYPE = /date|time/i;
const TIME_NAME = /^(date|day|week|month|quarter|year|hour|period|time|created_at|.*_(date|day|week|month|at))$/i;
/** A date or timestamp, or a month as 'YYYY-MM' (the analyst's month label). */
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])(-\d{2}|$)/;
const ID_NAME = /(^id$|_id$|^id_)/i;

function valuesOf(rows: Cell[][], index: number): Cell[] {
  return rows.map((row) => row[index] ?? null).filter((value) => value !== null);
}

/** Sorts columns into numeric measures, labels and time axes by their values, types and names. */
export function classifyResultColumns(columns: QueryColumn[], rows: Cell[][]): ResultColumnRoles {
  const roles: ResultColumnRoles = { numeric: [], labels: [], times: [] };
  columns.forEach((column, index) => {
    const values = valuesOf(rows, index);
    const allNumbers = values.length > 0 && values.every((value) => typeof value === 'number');
    const allIsoDates = values.length > 0 && values.every((value) => typeof value === 'string' && ISO_DATE.test(value));
    // `year` or `hour` buckets come back as numbers: their name says they are an axis, not a measure.
    if (TIME_TYPE.test(column.type) || allIsoDates || (allNumbers && TIME_NAME.test(column.name))) {
      roles.times.push(column.name);
      return;
    }
    if (values.length > 0 && values.every((value) => typeof value === 'number')) {
      if (!ID_NAME.test(column.name)) roles.numeric.push(column.name);
      return;
    }
    if (values.some((value) => typeof value === 'string')) roles.labels.push(column.name);
  });
  return roles;
}

/** How many of the column's words (stemmed) the question uses; ties keep the column order. */
function mentionScore(column: string, questionStems: Set<string>): number {
  return splitIdentifier(column).filter((word) => questionStems.has(stem(word))).length;
}

/**
 * Ranks `candidates` by how well the question names them: the columns it mentions first, then
 * — as SQL puts the aggregate last — the later columns before the earlier ones.
 */
export function rankByMention(candidates: string[], question: string): string[] {
  const questionStems = new Set(
    question
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 0)
      .map(stem),
  );
  return candidates
    .map((name, index) => ({ name, index, score: mentionScore(name, questionStems) }))
    .sort((a, b) => b.score - a.score || b.index - a.index)
    .map((entry) => entry.name);
}
