/** A number as people read it: thousands separators, at most 2 decimals. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  // Small fractions keep 4 significant decimals so they do not print as 0.00.
  const digits = Math.abs(value) >= 0.01 ? 2 : 4;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio (0..1) as a percentage with 2 decimals: 0.0421 → "4.21%". */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}%`;
}

/** A cell for text: numbers formatted, dates trimmed of midnight, null as "(empty)". */
export function formatCell(value: unknown, asPercent = false): string {
  if (value === null || value === undefined) return '(empty)';
  if (typeof value === 'number') return asPercent ? formatPercent(value) : formatNumber(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[T ]00:00:00(\.0+)?Z?$/.test(value)) return value.slice(0, 10);
  return String(value);
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A period as people name it: "Jan 2024" for a month ('2024-01' or its first day), "Q1 2024", "2024", "the week
 * of 2024-01-01". Finer grains and cells that are not dates keep `formatCell`.
 */
export function formatPeriod(value: unknown, grain: string | undefined): string {
  const text = formatCell(value);
  // A month is labelled 'YYYY-MM'; other grains by their first day.
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(text);
  if (!match || !grain) return text;
  if (match[3] === undefined && grain !== 'month') return text;
  const [, year, month] = match;
  if (grain === 'year') return year;
  if (grain === 'quarter') return `Q${Math.floor((Number(month) - 1) / 3) + 1} ${year}`;
  if (grain === 'month') return `${MONTH_NAMES[Number(month) - 1]} ${year}`;
  if (grain === 'week') return `the week of ${match[0]}`;
  if (grain === 'day') return match[0];
  return text;
}
