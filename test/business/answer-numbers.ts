/** A number as written in an answer, with how precisely it was written. */
export interface WrittenNumber {
  value: number;
  decimals: number;
  percent: boolean;
  text: string;
}

/** Every number in a text: "1,234.57", "4.21%", "12". Dates and years count too (callers filter). */
export function numbersIn(text: string): WrittenNumber[] {
  const found: WrittenNumber[] = [];
  for (const match of text.matchAll(/-?\d[\d,]*(?:\.(\d+))?(%?)/g)) {
    const raw = match[0].replace(/%$/, '');
    const value = Number(raw.replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    found.push({ value, decimals: match[1]?.length ?? 0, percent: match[2] === '%', text: match[0] });
  }
  return found;
}

/**
 * True when the text shows `expected` at the precision it writes it with: "4.21%" shows
 * 0.04213, "1,234.57" shows 1234.5678, "12" shows 12. A ratio may be written as a percentage.
 */
export function showsNumber(text: string, expected: number): boolean {
  return numbersIn(text).some((written) => {
    const target = written.percent ? expected * 100 : expected;
    const tolerance = 0.5 * 10 ** -written.decimals + 1e-9 * Math.max(1, Math.abs(target));
    return Math.abs(written.value - target) <= tolerance;
  });
}
