import type { Cell, QueryColumn } from '../../core/query-result.js';
import { correlationCode } from './correlation-code.js';
import { forecastCode } from './forecast-code.js';
import { iqrCode, zScoreCode } from './outlier-code.js';
import { classifyResultColumns, rankByMention } from './result-columns.js';
import { trendCode } from './trend-code.js';

export type PythonAnalysisKind = 'outliers' | 'correlation' | 'trend' | 'forecast';

/** The pandas code the embedded analyst runs for a statistics question, and what it uses. */
export interface PythonAnalysisPlan {
  kind: PythonAnalysisKind;
  /** The method as people say it: `z-score`, `IQR`, `Pearson and Spearman correlation`, … */
  method: string;
  code: string;
  /** The result columns the code reads, by role. */
  columns: Record<string, string | null>;
}

const CUES: [PythonAnalysisKind, RegExp][] = [
  ['forecast', /\b(forecast|predict|projection|project(ed)?|next (\w+ )?(hour|day|week|month|quarter|year)s?|expect(ed)? (next|in))/i],
  ['correlation', /\b(correlat|relationship between|related to|associated with|association)/i],
  ['outliers', /\b(outlier|anomal|unusual|stands? out|abnormal|extreme)/i],
  ['trend', /\b(trend|slope|growing|growth rate|declin|increasing|decreasing|over time)/i],
];

const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12 };

/** "next 3 months" → 3; "next month" → 1. */
function horizonOf(question: string): number {
  const match = /\bnext\s+(\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+\w+/i.exec(question);
  if (!match) return 1;
  const count = Number(match[1]) || NUMBER_WORDS[match[1]!.toLowerCase()] || 1;
  return Math.min(count, 60);
}

/** The statistics the question asks for; null when it names none. */
export function analysisKindOf(question: string): PythonAnalysisKind | null {
  return CUES.find(([, cue]) => cue.test(question))?.[0] ?? null;
}

/**
 * Plans the pandas analysis of a SQL result for a statistics question: outliers (z-score, or
 * IQR when the question asks for quartiles / robust fences), correlation (Pearson and Spearman
 * with n and p-values), trend (slope per period) or forecast (seasonal naive or exponential
 * smoothing). Null when the question names no statistic or the result lacks the columns for it.
 */
export function planPythonAnalysis(question: string, result: { columns: QueryColumn[]; rows: Cell[][] }): PythonAnalysisPlan | null {
  const kind = analysisKindOf(question);
  if (kind === null) return null;
  const roles = classifyResultColumns(result.columns, result.rows);
  const measures = rankByMention(roles.numeric, question);
  const [value] = measures;
  if (value === undefined) return null;

  switch (kind) {
    case 'outliers': {
      const label = rankByMention(roles.labels, question)[0] ?? roles.times[0] ?? null;
      const iqr = /\b(iqr|interquartile|quartile|tukey|box ?plot|robust)/i.test(question);
      const columns = { value, label };
      return iqr ? { kind, method: 'IQR', code: iqrCode(columns), columns } : { kind, method: 'z-score', code: zScoreCode(columns), columns };
    }
    case 'correlation': {
      const [x, y] = measures;
      if (y === undefined) return null;
      return { kind, method: 'Pearson and Spearman correlation', code: correlationCode(x!, y), columns: { x: x!, y } };
    }
    case 'trend':
    case 'forecast': {
      const time = roles.times[0];
      if (time === undefined) return null;
      const columns = { time, value };
      return kind === 'trend'
        ? { kind, method: 'linear regression', code: trendCode(time, value), columns }
        : { kind, method: 'seasonal naive or simple exponential smoothing', code: forecastCode(time, value, horizonOf(question)), columns };
    }
  }
}
