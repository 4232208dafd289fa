import { describe, expect, it } from 'vitest';
import { normaliseResultData, normaliseTemplate, normaliseThreadDatabases, normaliseThreadTokens } from './dto.js';

describe('API shapes', () => {
  it('reads thread usage by model with its total', () => {
    const tokens = normaliseThreadTokens({
      threadId: 't',
      total: { inputTokens: 150, outputTokens: 40, costUsd: 0.002, calls: 2 },
      byModel: [{ agent: 'sql', model: 'local:analyst', inputTokens: 150, outputTokens: 40, costUsd: 0.002, calls: 2 }],
    });
    expect(tokens).toEqual({ inputTokens: 150, outputTokens: 40, costUsd: 0.002, rows: [{ agent: 'sql', model: 'local:analyst', inputTokens: 150, outputTokens: 40, costUsd: 0.002 }] });
  });

  it('reads the datasources a thread used', () => {
    expect(normaliseThreadDatabases({ threadId: 't', datasources: [{ name: 'sample', tables: ['events'], runs: 2 }] })).toEqual({ datasources: [{ name: 'sample', tables: ['events'] }] });
  });

  it('reads templates in snake_case', () => {
    const template = normaliseTemplate({ id: 'tpl_1', title: '', prompt: 'q', generated_sql: 'SELECT 1', ui_code: 'code', parameters: { chartType: 'bar' }, data_source: 'sample', created_at: 'x' });
    expect(template).toMatchObject({ id: 'tpl_1', prompt: 'q', generatedSql: 'SELECT 1', uiCode: 'code', parameters: { chartType: 'bar' }, dataSource: 'sample' });
  });

  it('reads a stored result and a SQL tool answer alike', () => {
    const stored = normaliseResultData({ id: 'r', columns: [{ name: 'a', type: 'INTEGER' }], rowCount: 2, truncated: false, rows: [[1], [2]] });
    expect(stored).toEqual({ columns: [{ name: 'a', type: 'INTEGER' }], rows: [[1], [2]], rowCount: 2, truncated: false });
  });
});
