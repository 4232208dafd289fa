import type { ColumnRole, TopValue } from '../../core/dna.js';
import { isNumericFamily, type TypeFamily } from './dialect-sql.js';
import { splitWords } from './column-synonyms.js';

export interface RoleEvidence {
  name: string;
  family: TypeFamily;
  rowCount: number;
  nonNullCount: number;
  distinctCount: number;
  topValues: TopValue[];
  primaryKey: boolean;
  /** A text column whose values read as dates (SQLite keeps dates as text). */
  holdsDates: boolean;
}

const BOOLEAN_VALUES = new Set(['0', '1', 'true', 'false', 't', 'f', 'y', 'n', 'yes', 'no']);
const STATUS_VALUES = /^(success|successful|succeeded|failed|failure|fail|pending|declined|approved|completed|complete|cancel+ed|error|refunded|processing|rejected|ok|active|inactive|open|closed)$/i;
const GEO_WORDS = new Set(['state', 'country', 'city', 'region', 'province', 'district', 'zip', 'zipcode', 'postal', 'postcode', 'lat', 'latitude', 'lon', 'lng', 'longitude', 'continent', 'county', 'territory', 'location', 'nation']);

/**
 * The semantic role of a column, from its type, its name, how many distinct values it has
 * and what they look like. Order matters: a boolean flag is not a measure, an `*_id` is not
 * a measure, a `status` with success/failed values is a status, not just a dimension.
 */
export function inferColumnRole(evidence: RoleEvidence): ColumnRole {
  const words = splitWords(evidence.name);
  const last = words[words.length - 1] ?? '';
  if (evidence.family === 'boolean' || looksBoolean(evidence, words)) return 'boolean';
  if (evidence.family === 'date' || evidence.family === 'timestamp' || evidence.holdsDates) return 'time';
  if (evidence.family !== 'float' && (evidence.primaryKey || last === 'id' || last === 'key' || last === 'uuid' || last === 'guid')) return 'id';
  if (!isNumericFamily(evidence.family)) {
    if (last === 'status' || last === 'outcome' || looksLikeStatus(evidence.topValues)) return 'status';
    // `head_of_state` is a person, not a place: a geo word must be the name or its last part.
    if ((GEO_WORDS.has(last) && !words.includes('of')) || (words.length > 1 && GEO_WORDS.has(words[words.length - 2]) && (last === 'name' || last === 'code'))) return 'geo';
  }
  if (isNumericFamily(evidence.family)) return 'measure';
  const ratio = evidence.nonNullCount === 0 ? 0 : evidence.distinctCount / evidence.nonNullCount;
  if (evidence.distinctCount > 1000 || (ratio > 0.5 && evidence.distinctCount > 50)) return 'text';
  return 'dimension';
}

function looksBoolean(evidence: RoleEvidence, words: string[]): boolean {
  if (evidence.distinctCount > 2 || evidence.topValues.length === 0) return false;
  const allBooleanLike = evidence.topValues.every((top) => top.value !== null && BOOLEAN_VALUES.has(String(top.value).toLowerCase()));
  const named = ['is', 'has', 'was', 'can', 'should'].includes(words[0] ?? '') || words.includes('flag') || words.includes('flagged');
  return allBooleanLike && (named || evidence.family === 'text' || evidence.topValues.length === 2);
}

function looksLikeStatus(topValues: TopValue[]): boolean {
  return topValues.length >= 2 && topValues.length <= 12 && topValues.filter((top) => STATUS_VALUES.test(String(top.value))).length >= 2;
}

/** A failure-like value of a status column (the one a failure rate counts). */
export function failureValue(topValues: TopValue[]): string | undefined {
  return topValues.map((top) => String(top.value)).find((value) => /^(fail|failed|failure|error|declined|rejected|cancel+ed)$/i.test(value));
}

/** A success-like value of a status column. */
export function successValue(topValues: TopValue[]): string | undefined {
  return topValues.map((top) => String(top.value)).find((value) => /^(success|successful|succeeded|completed|complete|approved|ok|paid)$/i.test(value));
}
