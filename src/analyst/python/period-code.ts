import { pythonString } from './python-literal.js';

const GRAINS = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;

/** The grain a time column's name states (`month`, `order_week`), or null to infer it from the spacing. */
export function grainFromName(column: string): string | null {
  const words = column.toLowerCase().split(/[^a-z]+/);
  return GRAINS.find((grain) => words.includes(grain)) ?? null;
}

/**
 * Python that orders the rows by time and defines: `series` (floats), `times`, `per` (the grain:
 * hour, day, week, month, quarter or year, from the name or the median spacing), `time_label(t)`
 * and `period_after(h)` (the label of the h-th period after the last one, written as the times
 * are: 'YYYY-MM' months stay 'YYYY-MM').
 */
export function periodCode(time: string, value: string): string[] {
  const hint = grainFromName(time);
  return [
    `time_column, value_column = ${pythonString(time)}, ${pythonString(value)}`,
    'data = df[[time_column, value_column]].dropna().sort_values(time_column)',
    'series = data[value_column].astype(float).reset_index(drop=True)',
    'times = data[time_column].reset_index(drop=True)',
    `per = ${hint === null ? 'None' : pythonString(hint)}`,
    'if pd.api.types.is_numeric_dtype(times):  # e.g. a year number',
    '    per = per or "period"',
    '    def time_label(t): return str(int(t)) if float(t).is_integer() else str(t)',
    '    def period_after(h): return time_label(times.iloc[-1] + h)',
    'else:',
    '    month_text = bool(times.astype(str).str.fullmatch(r"\\d{4}-\\d{2}").all())  # months as \'YYYY-MM\'',
    '    times = pd.to_datetime(times, errors="coerce")',
    '    step_days = float(times.diff().dt.total_seconds().median() / 86400) if len(times) > 1 else 1.0',
    '    per = per or ("hour" if step_days < 0.5 else "day" if step_days < 1.5 else "week" if step_days < 8 else "month" if step_days < 32 else "quarter" if step_days < 93 else "year")',
    '    steps = {"hour": pd.DateOffset(hours=1), "day": pd.DateOffset(days=1), "week": pd.DateOffset(weeks=1), "month": pd.DateOffset(months=1), "quarter": pd.DateOffset(months=3), "year": pd.DateOffset(years=1)}',
    '    def time_label(t): return t.strftime("%Y-%m") if month_text else t.date().isoformat() if t == t.normalize() else t.isoformat()',
    '    def period_after(h): return time_label(times.iloc[-1] + steps[per] * h)',
  ];
}
