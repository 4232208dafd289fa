import { pythonString } from './python-literal.js';

/** Columns an outlier test runs on: the value, and the label naming each row (if any). */
export interface OutlierColumns {
  value: string;
  label: string | null;
}

/** |z| above this is an outlier: about 5% of a normal sample lies beyond it. */
export const Z_THRESHOLD = 2;
/** Tukey's fences: Q1 − k·IQR and Q3 + k·IQR. */
export const IQR_K = 1.5;

function header({ value, label }: OutlierColumns): string[] {
  return [
    `value_column = ${pythonString(value)}`,
    `label_column = ${label === null ? 'None' : pythonString(label)}`,
    'columns = [label_column, value_column] if label_column else [value_column]',
    'data = df[columns].dropna()',
    'data = data.assign(**{value_column: data[value_column].astype(float)})',
    'def label_of(index, row):',
    '    return str(row[label_column]) if label_column else str(index)',
  ];
}

/** pandas code flagging rows whose z-score (sample standard deviation) exceeds ±2. */
export function zScoreCode(columns: OutlierColumns): string {
  return [
    '# Outliers by z-score: distance from the mean in standard deviations; |z| > 2 is flagged.',
    ...header(columns),
    'mean = data[value_column].mean()',
    'std = data[value_column].std()  # sample standard deviation (n - 1)',
    'data = data.assign(z_score=(data[value_column] - mean) / std)',
    'ranked = data.reindex(data["z_score"].abs().sort_values(ascending=False).index)',
    'rows = [{"label": label_of(index, row), "value": float(row[value_column]), "z_score": float(row["z_score"])} for index, row in ranked.iterrows()]',
    'result = {',
    '    "method": "z-score",',
    `    "threshold": ${Z_THRESHOLD},`,
    '    "column": value_column,',
    '    "label": label_column,',
    '    "n": int(len(data)),',
    '    "mean": float(mean),',
    '    "std": float(std),',
    `    "outliers": [row for row in rows if abs(row["z_score"]) > ${Z_THRESHOLD}],`,
    '    "largest": rows[:3],',
    '}',
    'print(ranked.head(10).to_string())',
  ].join('\n');
}

/** pandas code flagging rows outside Tukey's fences (1.5 × IQR beyond the quartiles). */
export function iqrCode(columns: OutlierColumns): string {
  return [
    "# Outliers by the interquartile range: below Q1 - 1.5*IQR or above Q3 + 1.5*IQR (Tukey's fences).",
    ...header(columns),
    'q1 = data[value_column].quantile(0.25)',
    'q3 = data[value_column].quantile(0.75)',
    'iqr = q3 - q1',
    `low, high = q1 - ${IQR_K} * iqr, q3 + ${IQR_K} * iqr`,
    'outside = data[(data[value_column] < low) | (data[value_column] > high)]',
    'distance = (outside[value_column] - outside[value_column].clip(low, high)).abs()',
    'outside = outside.reindex(distance.sort_values(ascending=False).index)',
    'result = {',
    '    "method": "IQR",',
    `    "k": ${IQR_K},`,
    '    "column": value_column,',
    '    "label": label_column,',
    '    "n": int(len(data)),',
    '    "q1": float(q1), "q3": float(q3), "low": float(low), "high": float(high),',
    '    "outliers": [{"label": label_of(index, row), "value": float(row[value_column]), "side": "high" if row[value_column] > high else "low"} for index, row in outside.iterrows()],',
    '}',
    'print(data.describe().to_string())',
  ].join('\n');
}
