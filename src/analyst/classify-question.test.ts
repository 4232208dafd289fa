import { describe, expect, it } from 'vitest';
import { classifyQuestion } from './classify-question.js';
import { profileRows } from './fixtures/profile-rows.js';
import { flightsTable, paymentsTable } from './fixtures/sample-tables.js';

const context = { dna: profileRows([paymentsTable(), flightsTable()]) };

describe('classifyQuestion', () => {
  it('routes data questions to SQL', () => {
    expect(classifyQuestion('How many failed payments were there in March?', context).route).toBe('SQL_ONLY');
  });
  it('answers greetings and help requests directly', () => {
    expect(classifyQuestion('hi', context).route).toBe('ANSWER');
    expect(classifyQuestion('What can you do?', context).route).toBe('ANSWER');
  });
  it('sends statistics questions through Python after SQL', () => {
    expect(classifyQuestion('Are there outliers in the amount?', context).route).toBe('SQL_THEN_PY');
    expect(classifyQuestion('forecast monthly revenue', context).route).toBe('SQL_THEN_PY');
  });
  it('rejects what the data cannot answer, with the reason', () => {
    const decision = classifyQuestion("What's the weather in Paris?", context);
    expect(decision.route).toBe('REJECT');
    expect(decision.reason).toMatch(/weather/i);
  });
  it('asks for clarification with options when the reading is ambiguous', () => {
    const decision = classifyQuestion('top 5 states', context);
    expect(decision.route).toBe('CLARIFY');
    expect(decision.options?.length).toBeGreaterThan(1);
  });
});
