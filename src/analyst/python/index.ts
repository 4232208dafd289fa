/**
 * Statistics for the python agent of the embedded analyst: deterministic pandas code for
 * outliers, correlation, trend and forecast questions, the sentences that describe its
 * result and method, and the SQL-only outlier method used when Python is not available.
 */
export { planPythonAnalysis, analysisKindOf, type PythonAnalysisPlan, type PythonAnalysisKind } from './plan-python-analysis.js';
export { describePythonFindings, explainPythonMethod } from './describe-python-result.js';
export { zScoreSql, zScoreSqlFindings, zScoreFindings } from './outlier-sql.js';
export { classifyResultColumns } from './result-columns.js';
export { statisticsDataQuestion } from './data-question.js';
export { Z_THRESHOLD, IQR_K, type OutlierColumns } from './outlier-code.js';
