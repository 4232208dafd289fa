import { describePythonFindings, explainPythonMethod, planPythonAnalysis, zScoreFindings, zScoreSql, zScoreSqlFindings } from '../../analyst/python/index.js';
import { toAppError } from '../../core/app-error.js';
import { assertReadOnly } from '../../data/sql-guard/index.js';
import type { RunState } from '../run-state.js';

/**
 * Statistics without Python (ARCHITECTURE §8, issue 7 "Availability"): outliers by z-score run
 * as SQL over the SQL agent's query (or, where the engine lacks STDDEV_SAMP, from its rows);
 * other statistics are skipped. Either way the answer says Python was unavailable and which
 * method was used, instead of the run failing.
 */
export async function runSqlOnlyStatistics(state: RunState, reason: string): Promise<void> {
  const { result, sql, connector } = state;
  if (!result) return;
  const plan = planPythonAnalysis(state.request.question, result);
  await state.emit({ type: 'thought-delta', agent: 'python', delta: reason });
  if (plan?.kind !== 'outliers' || !sql || !connector) {
    const what = plan ? `the ${plan.kind === 'correlation' ? 'correlation test' : plan.kind}` : 'the statistics';
    state.notes.push(`${reason} Without Python, ${what} could not be computed, so this answer uses the SQL result only.`);
    return;
  }
  const columns = { value: plan.columns.value!, label: plan.columns.label ?? null };
  const outlierSql = zScoreSql(sql, columns);
  let findings: Record<string, unknown>;
  let where = 'in SQL';
  try {
    await assertReadOnly(connector, outlierSql);
    const scored = await connector.query(outlierSql, { limit: state.deps.limits.rowCap, timeoutMs: state.deps.limits.statementTimeoutMs, signal: state.signal });
    findings = zScoreSqlFindings(columns, scored);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'RUN_CANCELLED' || appError.code === 'CONNECTOR_QUERY_CANCELLED' || state.signal?.aborted) throw error;
    // e.g. SQLite has no STDDEV_SAMP: the same z-scores from the rows the SQL agent fetched.
    findings = zScoreFindings(columns, result);
    where = `from the query result (the engine could not run the z-score SQL: ${appError.code})`;
  }
  await state.emit({ type: 'code-delta', language: 'sql', delta: outlierSql });
  await state.emit({ type: 'code-end', language: 'sql', code: outlierSql });
  state.python = { code: outlierSql, result: findings, language: 'sql', method: 'z-score' };
  state.notes.push(`${reason} The outliers were computed ${where} instead, by z-score.`);
  for (const sentence of [describePythonFindings(findings), explainPythonMethod(findings)]) if (sentence) state.notes.push(sentence);
}
