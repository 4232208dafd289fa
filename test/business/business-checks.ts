import { expect, it } from 'vitest';
import type { RunOutcome } from '../../src/agents/orchestrator.js';
import type { Cell } from '../../src/core/query-result.js';
import { showsNumber } from './answer-numbers.js';
import type { BusinessRuntime } from './business-runtime.js';

/**
 * How an answer is checked against a hand-written query on the same database:
 * - `value`: the query gives one number; the run's result has it and the answer shows it.
 * - `ranking`: label(s) then one measure per row, in the expected order; the run has as many
 *   rows, its first row has the same label and measure, and the answer names both.
 * - `series`: period then measure, by time; same number of periods, and the answer shows the
 *   first and the last period's measure.
 * - `values`: several numbers (comparisons); the answer shows each of them.
 */
export type Expectation =
  | { kind: 'value'; sql: string }
  | { kind: 'ranking'; sql: string }
  | { kind: 'series'; sql: string }
  | { kind: 'values'; sql: string };

export interface BusinessCase {
  question: string;
  expect: Expectation;
}

function close(a: Cell | undefined, b: Cell | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  return String(a) === String(b);
}

function numeric(row: Cell[]): number[] {
  return row.filter((cell): cell is number => typeof cell === 'number');
}

/** Fails with the question, the SQL the run used and the answer, so a failure explains itself. */
export function checkOutcome(outcome: RunOutcome, expected: Cell[][], expectation: Expectation): void {
  const context = `\nSQL: ${outcome.sql}\nanswer: ${outcome.answer}\nexpected rows: ${JSON.stringify(expected.slice(0, 3))}`;
  expect(outcome.status, `run status${context}`).toBe('completed');
  expect(expected.length, 'the hand-written query returns rows').toBeGreaterThan(0);
  switch (expectation.kind) {
    case 'value': {
      const value = expected[0][0] as number;
      expect(outcome.rows.some((row) => row.some((cell) => close(cell, value))), `result has ${value}${context}`).toBe(true);
      expect(showsNumber(outcome.answer, value), `answer shows ${value}${context}`).toBe(true);
      break;
    }
    case 'ranking': {
      const first = expected[0];
      const measure = first[first.length - 1] as number;
      const labels = first.slice(0, -1);
      expect(outcome.rowCount, `row count${context}`).toBe(expected.length);
      const top = outcome.rows[0];
      for (const label of labels) expect(top.some((cell) => close(cell, label)), `first row has ${String(label)}${context}`).toBe(true);
      expect(numeric(top).some((cell) => close(cell, measure)), `first row has ${measure}${context}`).toBe(true);
      for (const label of labels) expect(outcome.answer, `answer names ${String(label)}${context}`).toContain(String(label));
      expect(showsNumber(outcome.answer, measure), `answer shows ${measure}${context}`).toBe(true);
      break;
    }
    case 'series': {
      expect(outcome.rowCount, `periods${context}`).toBe(expected.length);
      const firstValue = expected[0][expected[0].length - 1] as number;
      const lastRow = expected[expected.length - 1];
      const lastValue = lastRow[lastRow.length - 1] as number;
      expect(numeric(outcome.rows[0]).some((cell) => close(cell, firstValue)), `first period ${firstValue}${context}`).toBe(true);
      expect(showsNumber(outcome.answer, firstValue), `answer shows first period ${firstValue}${context}`).toBe(true);
      expect(showsNumber(outcome.answer, lastValue), `answer shows last period ${lastValue}${context}`).toBe(true);
      break;
    }
    case 'values': {
      for (const value of expected[0] as number[]) {
        expect(outcome.rows.some((row) => row.some((cell) => close(cell, value))), `result has ${value}${context}`).toBe(true);
        expect(showsNumber(outcome.answer, value), `answer shows ${value}${context}`).toBe(true);
      }
      break;
    }
  }
}

/** One test per case: asks its question and checks the outcome against its hand-written query. */
export function itAnswersEachCase(cases: BusinessCase[], runtime: () => BusinessRuntime): void {
  for (const testCase of cases) {
    it(testCase.question, async () => {
      const outcome = await runtime().ask(testCase.question);
      checkOutcome(outcome, await runtime().query(testCase.expect.sql), testCase.expect);
    });
  }
}
