import type { Cell } from '../../core/query-result.js';
import type { MysqlValueKind } from './mysql-type-mapping.js';

const INTEGER_TEXT = /^[-+]?\d+$/;
const DECIMAL_TEXT = /^([-+]?)(\d*)(?:\.(\d*))?$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;
const TIME_TEXT = /^-?\d{1,3}:\d{2}:\d{2}(\.\d+)?$/;

/**
 * Makes one value, as the server sent it in the text protocol (the raw bytes, or null), JSON-safe
 * for its column kind. Anything that cannot be read as its type becomes null, never 0: a silent 0
 * corrupts sums. MySQL's zero dates (`0000-00-00`, `2024-00-10`) are not dates and become null.
 */
export function normalizeMysqlValue(raw: Buffer | string | null | undefined, kind: MysqlValueKind): Cell {
  if (raw === null || raw === undefined || kind === 'null') return null;
  if (kind === 'binary') return typeof raw === 'string' ? raw : `0x${raw.toString('hex').toUpperCase()}`;
  if (kind === 'bit') return typeof raw === 'string' ? null : bitValue(raw);
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  switch (kind) {
    case 'integer':
    case 'year': {
      if (!INTEGER_TEXT.test(text)) return null;
      const number = Number(text);
      return kind === 'year' && number === 0 ? null : number;
    }
    case 'bigint':
      return integerText(text);
    case 'decimal':
      return decimalText(text);
    case 'float': {
      if (text.trim() === '') return null;
      const number = Number(text);
      return Number.isFinite(number) ? number : null;
    }
    case 'date':
      return validDate(text) ? text : null;
    case 'datetime':
    case 'timestamp': {
      const match = DATETIME_TEXT.exec(text);
      if (!match || !validDate(`${match[1]}-${match[2]}-${match[3]}`)) return null;
      if (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 59) return null;
      // The session runs with time_zone '+00:00', so TIMESTAMP values arrive in UTC.
      return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${match[7] ?? ''}${kind === 'timestamp' ? 'Z' : ''}`;
    }
    case 'time':
      // TIME is a duration (-838:59:59 … 838:59:59), not a time of day: kept as its text.
      return TIME_TEXT.test(text) ? text : null;
    case 'json':
      return validJson(text) ? text : null;
    case 'text':
      return text;
  }
}

/** BIGINT (and BIGINT UNSIGNED): a number when it fits exactly, else the digits as text. */
function integerText(text: string): Cell {
  if (!INTEGER_TEXT.test(text)) return null;
  const big = BigInt(text);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big.toString();
}

/** DECIMAL: a number when a double holds it exactly as written, else the canonical digits as text. */
function decimalText(text: string): Cell {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const sign = match[1] === '-' ? '-' : '';
  const whole = match[2].replace(/^0+(?=\d)/, '') || '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const canonical = `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`;
  const number = Number(canonical);
  if (!Number.isFinite(number)) return canonical;
  if (Object.is(number, -0)) return 0;
  const significant = `${whole}${fraction}`.replace(/^0+/, '').length;
  if (significant <= 15) return number;
  return String(number) === canonical ? number : canonical;
}

function validDate(text: string): boolean {
  const match = DATE_TEXT.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year === 0 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function validJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** BIT(n) arrives as big-endian bytes: a number when it fits exactly, else its digits as text. */
function bitValue(bytes: Buffer): Cell {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}
