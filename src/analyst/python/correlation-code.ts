import { pythonString } from './python-literal.js';

/**
 * pandas + scipy code for the correlation of two columns: Pearson's r (linear) and Spearman's
 * rho (rank, monotonic), each with its two-sided p-value, over the n rows having both values.
 */
export function correlationCode(x: string, y: string): string {
  return [
    '# Correlation: Pearson (linear) and Spearman (rank), with n and two-sided p-values.',
    'from scipy import stats',
    `x_column, y_column = ${pythonString(x)}, ${pythonString(y)}`,
    'data = df[[x_column, y_column]].dropna().astype(float)',
    'n = int(len(data))',
    'if n < 3:',
    '    raise ValueError(f"a correlation needs at least 3 rows with both {x_column} and {y_column}; the result has {n}")',
    'pearson_r, pearson_p = stats.pearsonr(data[x_column], data[y_column])',
    'spearman_rho, spearman_p = stats.spearmanr(data[x_column], data[y_column])',
    'result = {',
    '    "method": "Pearson and Spearman correlation",',
    '    "x": x_column, "y": y_column, "n": n,',
    '    "pearson_r": float(pearson_r), "pearson_p": float(pearson_p),',
    '    "spearman_rho": float(spearman_rho), "spearman_p": float(spearman_p),',
    '}',
    'print(result)',
  ].join('\n');
}
