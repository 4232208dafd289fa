import { periodCode } from './period-code.js';

/** scipy code for a linear trend: the least-squares slope of the value per period, with r² and p. */
export function trendCode(time: string, value: string): string {
  return [
    '# Trend: least-squares line through the values against the period number; the slope is the change per period.',
    'from scipy import stats',
    ...periodCode(time, value),
    'n = int(len(series))',
    'if n < 3:',
    '    raise ValueError(f"a trend needs at least 3 periods; the result has {n}")',
    'fit = stats.linregress(np.arange(n), series)',
    'mean = float(series.mean())',
    'result = {',
    '    "method": "linear regression",',
    '    "column": value_column, "per": per, "n": n,',
    '    "slope": float(fit.slope),',
    '    "relative_slope": float(fit.slope / mean) if mean else None,',
    '    "r_squared": float(fit.rvalue ** 2), "p_value": float(fit.pvalue),',
    '    "first": time_label(times.iloc[0]), "last": time_label(times.iloc[-1]),',
    '    "fitted_start": float(fit.intercept), "fitted_end": float(fit.intercept + fit.slope * (n - 1)),',
    '}',
    'print(result)',
  ].join('\n');
}
