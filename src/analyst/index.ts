/**
 * The analyst: a pure, deterministic NL→SQL engine over a Data DNA. No I/O, no database, no LLM;
 * the embedded model in `src/llm/local/` plays each agent role through these functions.
 */
export type { AnalystContext, SqlParse, Parse, ClarifyParse, RefuseParse } from './parse-types.js';
export type { IntentFrame, MeasureSpec, FilterSpec, GroupSpec, OrderSpec, JoinStep, ColumnRef, Aggregate, HavingSpec, SetCondition } from './intent-frame.js';
export { parseQuestion } from './parse-question.js';
export { interpretSql, interpretUnanswered } from './interpret-sql.js';
export { classifyQuestion } from './classify-question.js';
export { composeAnswer } from './compose-answer.js';
export { chooseChart, type ChartType } from './choose-chart.js';
export { linkSchema } from './link-schema.js';
export { tokenize, type Token } from './tokenize.js';
export { formatNumber, formatPercent } from './format-number.js';
