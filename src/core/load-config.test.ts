import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { loadConfig } from './load-config.js';

function folder(config?: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'insightx-config-'));
  if (config !== undefined) writeFileSync(path.join(dir, 'insightx.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a CONFIG_INVALID error');
}

describe('loadConfig', () => {
  it('works with no file and no environment: sample data, embedded model, .insightx', () => {
    const cwd = folder();
    const config = loadConfig({ cwd, env: {} });
    expect(config.dataDir).toBe(path.join(cwd, '.insightx'));
    expect(config.datasources).toEqual([{ kind: 'sample', name: 'sample' }]);
    expect(config.models.tiers).toEqual({ light: 'local:analyst', heavy: 'local:analyst' });
    expect(config.limits).toEqual({ rowCap: 10_000, statementTimeoutMs: 30_000, resultMaxBytes: 16 * 1024 * 1024, sqlAttempts: 5 });
  });

  it('reads the file, resolves its paths against its folder, and lets the environment win', () => {
    const cwd = folder({ dataDir: 'state', datasources: [{ kind: 'duckdb', name: 'wh', path: 'data/wh.duckdb' }], limits: { rowCap: 50 }, files: { folders: ['shared'] } });
    const config = loadConfig({ cwd, env: { INSIGHTX_ROW_CAP: '7', INSIGHTX_DATASOURCE: 'wh', INSIGHTX_RESULT_MAX_BYTES: '65536' } });
    expect(config.dataDir).toBe(path.join(cwd, 'state'));
    expect(config.files).toEqual({ folders: [path.join(cwd, 'shared')], maxRows: 20_000_000, maxColumns: 1_000, loadTimeoutMs: 60_000 });
    expect(config.datasources[0]).toEqual({ kind: 'duckdb', name: 'wh', path: path.join(cwd, 'data/wh.duckdb') });
    expect(config.limits.rowCap).toBe(7);
    expect(config.limits.resultMaxBytes).toBe(65_536);
    expect(config.limits.sqlAttempts).toBe(5);
    expect(config.defaultDatasource).toBe('wh');
  });

  it('takes overrides over everything', () => {
    const config = loadConfig({ cwd: folder({ defaultDatasource: 'a' }), env: { INSIGHTX_DATASOURCE: 'b' }, overrides: { defaultDatasource: 'c' } });
    expect(config.defaultDatasource).toBe('c');
  });

  it('sets one model tier from the environment and keeps the other', () => {
    const config = loadConfig({ cwd: folder(), env: { INSIGHTX_MODEL_HEAVY: 'openai:gpt-4.1', OPENAI_API_KEYS: 'k1,k2' } });
    expect(config.models.tiers).toEqual({ light: 'local:analyst', heavy: 'openai:gpt-4.1' });
  });

  it('names the setting and the problem when the file is wrong', () => {
    const error = failure(() => loadConfig({ cwd: folder({ limits: { sqlAttempts: 9 } }), env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/insightx\.config\.json/);
    expect(error.message).toMatch(/limits\.sqlAttempts/);
  });

  it('reports a file that is not JSON', () => {
    const error = failure(() => loadConfig({ cwd: folder('{ "dataDir": '), env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('reports a word where the environment needs a number', () => {
    const error = failure(() => loadConfig({ cwd: folder(), env: { INSIGHTX_ROW_CAP: 'lots' } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/INSIGHTX_ROW_CAP/);
  });

  it('reports an unknown datasource kind with the allowed ones', () => {
    const error = failure(() => loadConfig({ cwd: folder({ datasources: [{ kind: 'oracle', name: 'x' }] }), env: {} }));
    expect(error.message).toMatch(/datasources\.0/);
  });
});
