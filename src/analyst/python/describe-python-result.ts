import { formatNumber, formatPercent } from '../format-number.js';
import { IQR_K } from './outlier-code.js';

/** Reads the JSON the generated code returns; every field is checked, none trusted. */
type Fields = Record<string, unknown>;

const RATE_NAME = /(rate|ratio|share|pct|percent|proportion)/i;

function numberOf(fields: Fields, key: string): number | null {
  const value = fields[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function textOf(fields: Fields, key: string): string | null {
  const value = fields[key];
  return typeof value === 'string' ? value : null;
}

/** A rate between 0 and 1 reads as a percentage; anything else as a number. */
function formatValue(column: string | null, value: number): string {
  return column !== null && RATE_NAME.test(column) && Math.abs(value) <= 1 ? formatPercent(value) : formatNumber(value);
}

function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

function readable(column: string | null): string {
  return (column ?? 'value').replace(/_/g, ' ');
}

function records(fields: Fields, key: string): Fields[] {
  const value = fields[key];
  return Array.isArray(value) ? value.filter((item): item is Fields => typeof item === 'object' && item !== null) : [];
}

function describeOutliers(fields: Fields): string {
  const column = textOf(fields, 'column');
  const n = numberOf(fields, 'n') ?? 0;
  const outliers = records(fields, 'outliers');
  const item = (row: Fields, withZ: boolean): string => {
    const value = numberOf(row, 'value');
    const z = numberOf(row, 'z_score');
    const parts = [value === null ? null : `${readable(column)} ${formatValue(column, value)}`, withZ && z !== null ? `z = ${z.toFixed(2)}` : null].filter(Boolean);
    return `${String(row.label)} (${parts.join(', ')})`;
  };
  if (textOf(fields, 'method') === 'IQR') {
    const low = numberOf(fields, 'low');
    const high = numberOf(fields, 'high');
    const fences = low !== null && high !== null ? `outside ${formatValue(column, low)}–${formatValue(column, high)}` : 'outside the fences';
    return outliers.length === 0
      ? `No outliers by the IQR rule (${fences}) among ${n} rows.`
      : `Outliers by the IQR rule (${fences}, n = ${n}): ${outliers.map((row) => item(row, false)).join(', ')}.`;
  }
  const threshold = numberOf(fields, 'threshold') ?? 2;
  if (outliers.length === 0) {
    const [largest] = records(fields, 'largest');
    const closest = largest ? `; the largest is ${item(largest, true)}` : '';
    return `No outliers by z-score: no |z| above ${threshold} among ${n} rows${closest}.`;
  }
  return `Outliers by z-score (|z| > ${threshold}, n = ${n}): ${outliers.map((row) => item(row, true)).join(', ')}.`;
}

function strength(r: number): string {
  const size = Math.abs(r);
  const word = size < 0.1 ? 'no' : size < 0.3 ? 'a weak' : size < 0.5 ? 'a moderate' : 'a strong';
  return size < 0.1 ? 'no' : `${word} ${r > 0 ? 'positive' : 'negative'}`;
}

function describeCorrelation(fields: Fields): string | null {
  const r = numberOf(fields, 'pearson_r');
  const rho = numberOf(fields, 'spearman_rho');
  if (r === null || rho === null) return null;
  const pR = numberOf(fields, 'pearson_p') ?? 1;
  const pRho = numberOf(fields, 'spearman_p') ?? 1;
  const x = readable(textOf(fields, 'x'));
  const y = readable(textOf(fields, 'y'));
  const sentence = `${x} and ${y} show ${strength(r)} correlation: Pearson r = ${r.toFixed(2)} (${formatP(pR)}), Spearman rho = ${rho.toFixed(2)} (${formatP(pRho)}), n = ${numberOf(fields, 'n') ?? '?'}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function describeTrend(fields: Fields): string | null {
  const slope = numberOf(fields, 'slope');
  if (slope === null) return null;
  const column = textOf(fields, 'column');
  const per = textOf(fields, 'per') ?? 'period';
  const relative = numberOf(fields, 'relative_slope');
  const share = relative === null ? '' : ` (${relative >= 0 ? '+' : ''}${(relative * 100).toFixed(1)}% of the average)`;
  const r2 = numberOf(fields, 'r_squared');
  const p = numberOf(fields, 'p_value');
  const fit = r2 === null || p === null ? '' : `, r² = ${r2.toFixed(2)}, ${formatP(p)}`;
  const direction = slope > 0 ? 'rises' : slope < 0 ? 'falls' : 'stays flat';
  return `${readable(column)} ${direction} by ${formatValue(column, Math.abs(slope))} per ${per}${share} from ${textOf(fields, 'first')} to ${textOf(fields, 'last')} (n = ${numberOf(fields, 'n')}${fit}).`;
}

function describeForecast(fields: Fields): string | null {
  const forecast = records(fields, 'forecast');
  if (forecast.length === 0) return null;
  const column = textOf(fields, 'column');
  const items = forecast.map((row) => `${String(row.period)}: ${formatValue(column, numberOf(row, 'value') ?? Number.NaN)}`).join(', ');
  return `Forecast of ${readable(column)} by ${textOf(fields, 'method')}: ${items}.`;
}

/** The findings of a generated analysis in one sentence, with its numbers; null when unreadable. */
export function describePythonFindings(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return null;
  const fields = result as Fields;
  const method = textOf(fields, 'method');
  if (method === 'z-score' || method === 'IQR') return describeOutliers(fields);
  if (method === 'Pearson and Spearman correlation') return describeCorrelation(fields);
  if (method === 'linear regression') return describeTrend(fields);
  if (method === 'seasonal naive' || method === 'simple exponential smoothing') return describeForecast(fields);
  return null;
}

/** The method in one plain sentence, for the composer ("how was this computed?"). */
export function explainPythonMethod(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return null;
  const fields = result as Fields;
  const column = readable(textOf(fields, 'column'));
  const label = textOf(fields, 'label');
  const per = textOf(fields, 'per') ?? 'period';
  switch (textOf(fields, 'method')) {
    case 'z-score':
      return `Method: z-score — each ${label ? readable(label) : 'row'}'s ${column} minus the mean of all ${numberOf(fields, 'n')}, divided by their standard deviation; |z| above ${numberOf(fields, 'threshold') ?? 2} counts as an outlier.`;
    case 'IQR':
      return `Method: interquartile range (Tukey's fences) — a ${column} below Q1 − ${IQR_K}×IQR or above Q3 + ${IQR_K}×IQR counts as an outlier.`;
    case 'Pearson and Spearman correlation':
      return 'Method: Pearson correlation (straight-line relationship) and Spearman rank correlation (any steadily rising or falling relationship), with two-sided p-values from scipy.';
    case 'linear regression':
      return `Method: a least-squares straight line through the ${column} of each ${per}; its slope is the change per ${per}.`;
    case 'seasonal naive':
      return `Method: seasonal naive forecast — each coming ${per} repeats the value of the same ${per} one season (${numberOf(fields, 'season')} ${per}s) earlier.`;
    case 'simple exponential smoothing':
      return `Method: simple exponential smoothing (α = ${numberOf(fields, 'alpha')}) — a weighted average of past ${per}s that favours the recent ones; too little history for a seasonal method.`;
    default:
      return null;
  }
}
