import type { ColumnProfile } from '../core/dna.js';
import type { ColumnRef, IntentFrame } from './intent-frame.js';

/**
 * Bucket width for a histogram of about 20 bars from the DNA's range. Heavy tails (max far above
 * the 75th percentile) are capped into one last bucket so the bars people care about stay readable.
 */
export function histogramFor(column: ColumnRef, profile: ColumnProfile): NonNullable<IntentFrame['histogram']> {
  const min = typeof profile.min === 'number' ? profile.min : 0;
  const max = typeof profile.max === 'number' ? profile.max : min + 1;
  const p75 = profile.quantiles?.p75 ?? null;
  const heavyTail = p75 !== null && p75 > min && max - min > 10 * (p75 - min);
  const top = heavyTail ? min + 4 * (p75 - min) : max;
  const width = niceNumber(Math.max((top - Math.min(min, 0)) / 20, Number.EPSILON));
  const cap = heavyTail ? Math.ceil(top / width) * width : null;
  return { column, width, cap };
}

function niceNumber(value: number): number {
  const exponent = Math.floor(Math.log10(value));
  const fraction = value / 10 ** exponent;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * 10 ** exponent;
}
