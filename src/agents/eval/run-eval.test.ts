import { describe, expect, it } from 'vitest';
import type { DataDna } from '../../core/dna.js';
import { sequentialIds } from '../../core/ids.js';
import type { Orchestrator, RunOutcome, RunRequest } from '../orchestrator.js';
import { parseEvalQuestions } from './eval-question.js';
import { predictionLine, runEval, type EvalDatabase } from './run-eval.js';

const dna: DataDna = {
  datasource: 'shop',
  dialect: 'sqlite',
  generatedAt: '2025-01-01T00:00:00.000Z',
  fingerprint: 'shop-1',
  tables: [
    {
      name: 'customer',
      rowCount: 3,
      columns: [
        { name: 'customer_id', type: 'INTEGER', role: 'id', nullShare: 0, distinctCount: 3, topValues: [], primaryKey: true, synonyms: [] },
        { name: 'city', type: 'TEXT', role: 'dimension', nullShare: 0, distinctCount: 2, topValues: [{ value: 'Leeds', count: 2 }], primaryKey: false, synonyms: [] },
      ],
      foreignKeys: [],
      derivedMetrics: [],
      synonyms: [],
    },
  ],
};

function outcome(request: RunRequest, fields: Partial<RunOutcome>): RunOutcome {
  return { runId: request.runId, status: 'completed', route: 'SQL_ONLY', sql: null, columns: [], rows: [], rowCount: 0, resultId: null, answer: '', chart: null, python: null, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 }, error: null, ...fields };
}

/** Answers by the question's first word, after a delay that makes later questions finish first. */
function scriptedOrchestrator(log: string[]): Orchestrator {
  let running = new Set<string>();
  return {
    async run(request) {
      if (running.has(request.datasource)) log.push(`overlap on ${request.datasource}`);
      running = new Set([...running, request.datasource]);
      await new Promise((resolve) => setTimeout(resolve, request.question.length % 3));
      running.delete(request.datasource);
      const word = request.question.split(' ')[0];
      if (word === 'crash') throw new Error('boom');
      if (word === 'clarify') return outcome(request, { route: 'CLARIFY' });
      if (word === 'refuse') return outcome(request, { route: 'REJECT' });
      if (word === 'fail') return outcome(request, { status: 'failed', error: { code: 'AGENT_SQL_REPAIR_EXHAUSTED', message: 'No SQL query succeeded.' } });
      await request.emit({ type: 'sql-attempt', attempt: 1, sql: 'SELECT count(*) FROM customer', status: 'ok' });
      return outcome(request, { sql: 'SELECT count(*) FROM customer' });
    },
  };
}

describe('runEval', () => {
  const questions = parseEvalQuestions(
    ['count customers', 'clarify this', 'refuse that', 'fail here', 'crash now', 'count again please', 'count a']
      .map((question, index) => JSON.stringify({ id: `q${index}`, question, db_id: index % 2 === 0 ? 'a' : 'b' }))
      .join('\n'),
    'questions.jsonl',
  );
  const databases = new Map<string, EvalDatabase>([
    ['a', { datasource: 'a.sqlite', dna }],
    ['b', { datasource: 'b.sqlite', dna }],
  ]);

  it('returns one record per question in input order, with the verdict a person would expect', async () => {
    const log: string[] = [];
    const records = await runEval({ questions, databases, orchestrator: scriptedOrchestrator(log), ids: sequentialIds(), concurrency: 3 });
    expect(records.map((record) => record.id)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    expect(records.map((record) => record.verdict)).toEqual(['answered', 'clarified', 'refused', 'failed', 'failed', 'answered', 'answered']);
    expect(records[3].errorCode).toBe('AGENT_SQL_REPAIR_EXHAUSTED');
    expect(records[4].errorCode).toBe('INTERNAL');
    expect(records[0].sqlAttempts).toBe(1);
    expect(log).toEqual([]);
  });

  it('writes the SQL only for answered questions and an empty prediction otherwise', async () => {
    const records = await runEval({ questions, databases, orchestrator: scriptedOrchestrator([]), ids: sequentialIds(), concurrency: 2 });
    const predictions = records.map((record) => JSON.parse(predictionLine(record)) as { id: string; pred_sql: string });
    expect(predictions.filter((line) => line.pred_sql !== '').map((line) => line.id)).toEqual(['q0', 'q5', 'q6']);
    expect(predictions[1]).toEqual({ id: 'q1', pred_sql: '' });
  });

  it('rejects a questions file line without a db_id, naming the line', () => {
    expect(() => parseEvalQuestions('{"id": "1", "question": "How many?"}', 'set.jsonl')).toThrow(/set\.jsonl:1 lacks id, question or db_id/);
  });
});
