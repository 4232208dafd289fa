import type { Cell } from '../../core/query-result.js';
import type { PostgresValueKind } from './postgres-type-mapping.js';

const SAFE_INTEGER_TEXT = /^-?\d{1,15}$/;
/** A double holds 15 significant decimal digits exactly; beyond that a decimal may lose precision. */
const EXACT_DIGITS = 15;

/**
 * Makes one value, as PostgreSQL prints it in text format, JSON-safe for its column kind. The
 * connector's sessions use `TimeZone = UTC`, `IntervalStyle = iso_8601` and `DateStyle = ISO`,
 * so the text forms below are the only ones that arrive. Anything that cannot be read as its
 * type becomes null, never 0: a silent 0 corrupts sums.
 */
export function normalizePostgresValue(text: string | null | undefined, kind: PostgresValueKind): Cell {
  if (text === null || text === undefined) return null;
  if (typeof kind === 'object') {
    const elements = parseArrayLiteral(text);
    return elements === undefined ? null : JSON.stringify(mapArray(elements, kind.array));
  }
  switch (kind) {
    case 'number': {
      const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
      return Number.isFinite(number) ? number : null;
    }
    case 'bigint':
      return normalizeBigInt(text);
    case 'decimal':
      return normalizeDecimal(text);
    case 'boolean':
      return text === 't' ? true : text === 'f' ? false : null;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
    case 'timestamp':
    case 'timestamptz':
      return normalizeTimestamp(text, kind === 'timestamptz');
    case 'interval':
      // ISO 8601 durations (IntervalStyle iso_8601): P1Y2M3DT4H5M6.5S, PT0S, P-1D.
      return /^-?P(?=[-\d.YMWDTHS]*\d)[-\d.YMWDTHS]+$/.test(text) ? text : null;
    case 'json':
      return normalizeJson(text);
    case 'string':
      return text;
  }
}

/** int8 arrives as text: a number when it fits exactly, else the digits themselves. */
function normalizeBigInt(text: string): Cell {
  if (SAFE_INTEGER_TEXT.test(text)) return Number(text);
  if (!/^-?\d+$/.test(text)) return null;
  const big = BigInt(text);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : text;
}

/** numeric: a number when a double holds it exactly, else its text (NaN and ±Infinity → null). */
function normalizeDecimal(text: string): Cell {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const digits = `${match[2]}${match[3] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '');
  const number = Number(text);
  if (!Number.isFinite(number)) return null;
  if (digits.length <= EXACT_DIGITS) return number;
  return canonicalDecimal(number.toPrecision(digits.length)) === canonicalDecimal(text) ? number : text;
}

function canonicalDecimal(text: string): string {
  const [whole, fraction = ''] = text.replace(/^-/, '').split('.');
  const sign = text.startsWith('-') ? '-' : '';
  const trimmedFraction = fraction.replace(/0+$/, '');
  return `${sign}${whole.replace(/^0+(?=\d)/, '')}${trimmedFraction ? `.${trimmedFraction}` : ''}`;
}

/** `2024-01-02 03:04:05.5` → `2024-01-02T03:04:05.5`; a zone `+00` → `+00:00`. Infinity and BC → null. */
function normalizeTimestamp(text: string, zoned: boolean): Cell {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2}(?::\d{2}){0,2})?$/.exec(text);
  if (!match || (match[3] === undefined) === zoned) return null;
  const zone = match[3] === undefined ? '' : match[3].length === 3 ? `${match[3]}:00` : match[3];
  return `${match[1]}T${match[2]}${zone}`;
}

function normalizeJson(text: string): Cell {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return null;
  }
}

type ArrayValue = string | null | ArrayValue[];

/**
 * Parses PostgreSQL's array text (`{1,NULL,"a b",{2,3}}`, optionally with bounds `[0:1]={…}`)
 * into nested arrays of element texts; undefined when the text is not an array literal.
 */
export function parseArrayLiteral(text: string): ArrayValue[] | undefined {
  const body = text.replace(/^\[[^\]=]*\](?:\[[^\]=]*\])*=/, '');
  let index = 0;
  const parseList = (): ArrayValue[] | undefined => {
    if (body[index] !== '{') return undefined;
    index++;
    const items: ArrayValue[] = [];
    if (body[index] === '}') {
      index++;
      return items;
    }
    for (;;) {
      if (body[index] === '{') {
        const nested = parseList();
        if (nested === undefined) return undefined;
        items.push(nested);
      } else if (body[index] === '"') {
        let value = '';
        index++;
        while (index < body.length && body[index] !== '"') {
          if (body[index] === '\\') index++;
          value += body[index] ?? '';
          index++;
        }
        if (body[index] !== '"') return undefined;
        index++;
        items.push(value);
      } else {
        const start = index;
        while (index < body.length && body[index] !== ',' && body[index] !== '}') index++;
        const raw = body.slice(start, index).trim();
        items.push(raw.toUpperCase() === 'NULL' ? null : raw);
      }
      if (body[index] === ',') index++;
      else if (body[index] === '}') {
        index++;
        return items;
      } else return undefined;
    }
  };
  const parsed = parseList();
  return parsed !== undefined && index === body.length ? parsed : undefined;
}

/** Array elements normalised like single values; json elements are embedded as JSON, not as text. */
function mapArray(items: ArrayValue[], kind: PostgresValueKind): unknown[] {
  return items.map((item) => {
    if (Array.isArray(item)) return mapArray(item, kind);
    if (kind === 'json') return item === null ? null : safeJson(item);
    return normalizePostgresValue(item, kind);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
