import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBusinessRuntime, type BusinessRuntime } from './business-runtime.js';

/** Questions the data cannot answer, or that need a choice first: no numbers, an honest reply. */
describe('refusals and clarifications (full pipeline, embedded model)', () => {
  let runtime: BusinessRuntime;
  beforeAll(async () => {
    runtime = await openBusinessRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('refuses a question the data has nothing about, and runs no SQL', async () => {
    const outcome = await runtime.ask('What will the weather be in Paris tomorrow?');
    expect(outcome.status).toBe('completed');
    expect(outcome.route).toBe('REJECT');
    expect(outcome.sql).toBeNull();
    expect(outcome.answer.length).toBeGreaterThan(10);
    expect(outcome.events.some((event) => event.type === 'sql-attempt')).toBe(false);
  });

  it('refuses a question about something the tables do not hold', async () => {
    const outcome = await runtime.ask('How many employees does the company have?');
    expect(outcome.route).toBe('REJECT');
    expect(outcome.sql).toBeNull();
  });

  it('asks which table is meant when "amount" could be payments or sales, with concrete options', async () => {
    const outcome = await runtime.ask('What is the total amount?');
    expect(outcome.route).toBe('CLARIFY');
    const decided = outcome.events.find((event) => event.type === 'route-decided');
    expect(decided?.type === 'route-decided' && decided.options?.length).toBeGreaterThanOrEqual(2);
    expect(outcome.answer).toMatch(/payments/i);
    expect(outcome.answer).toMatch(/sales/i);
  });

  it('answers a greeting without querying', async () => {
    const outcome = await runtime.ask('What can you do?');
    expect(outcome.route).toBe('ANSWER');
    expect(outcome.sql).toBeNull();
    expect(outcome.answer).toMatch(/payments/);
  });

  it('reports the documented event order for a data question', async () => {
    const outcome = await runtime.ask('How many payments are there?');
    const types = outcome.events.map((event) => event.type).filter((type, index, all) => !type.endsWith('-delta') || all[index - 1] !== type);
    expect(types).toEqual([
      'run-start',
      'agent-start',
      'usage',
      'route-decided',
      'agent-start',
      'tool-call',
      'tool-result',
      'tool-call',
      'sql-attempt',
      'data-ready',
      'tool-result',
      'thought-delta',
      'usage',
      'interpretation',
      'agent-start',
      'code-delta',
      'code-end',
      'usage',
      'agent-start',
      'text-delta',
      'usage',
      'run-end',
    ]);
    const usage = outcome.events.filter((event) => event.type === 'usage');
    expect(usage.every((event) => event.type === 'usage' && event.estimated && event.costUsd === 0)).toBe(true);
  });
});
