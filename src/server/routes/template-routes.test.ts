import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/build-test-app.js';

describe('template routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('creates, lists, gets, updates and deletes a template in the issue field names', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/templates',
      payload: { prompt: 'Failed payments by month', generated_sql: 'SELECT 1', ui_code: 'export default function Viz() {}', parameters: { title: 'Fails' }, data_source: 'sample' },
    });
    expect(created.statusCode).toBe(201);
    const template = created.json();
    expect(Object.keys(template).sort()).toEqual(['created_at', 'data_source', 'generated_sql', 'id', 'parameters', 'prompt', 'title', 'ui_code', 'updated_at']);
    expect((await t.app.inject({ method: 'GET', url: '/api/templates' })).json().templates).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/templates/${template.id}` })).json().prompt).toBe('Failed payments by month');

    const updated = await t.app.inject({ method: 'PATCH', url: `/api/templates/${template.id}`, payload: { parameters: { title: 'Failures' } } });
    expect(updated.json()).toMatchObject({ prompt: 'Failed payments by month', generated_sql: 'SELECT 1', parameters: { title: 'Failures' } });
    const replaced = await t.app.inject({ method: 'PUT', url: `/api/templates/${template.id}`, payload: { prompt: 'Refunds by month' } });
    expect(replaced.json().prompt).toBe('Refunds by month');

    expect((await t.app.inject({ method: 'DELETE', url: `/api/templates/${template.id}` })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/templates/${template.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/templates/${template.id}` })).json().code).toBe('NOT_FOUND');
  });

  it('refuses a template without a prompt', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/templates', payload: { generated_sql: 'SELECT 1' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INPUT_INVALID' });
    expect(response.json().message).toContain('prompt');
  });
});
