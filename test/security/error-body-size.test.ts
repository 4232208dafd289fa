import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../src/server/testing/build-test-app.js';

describe('error bodies are bounded', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers an engine error about a huge query (as profiling a very wide table sends) in a short body', async () => {
    const columns = Array.from({ length: 3_000 }, (_, index) => `count(DISTINCT c${index})`).join(', ');
    const sql = `SELECT ${columns} FROM no_such_table`;
    expect(sql.length).toBeGreaterThan(50_000);
    const response = await t.app.inject({ method: 'POST', url: '/api/tools/sql', payload: { sql } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('CONNECTOR_QUERY_FAILED');
    expect(response.json().message).toContain('no_such_table');
    expect(response.body.length).toBeLessThan(10_000);
  });
});
