import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEventPayload } from '../../core/events.js';
import { createDatasourceRegistry } from '../../data/datasource-registry.js';
import { percentOf, profileDatasource } from '../../data/dna/index.js';
import type { RunRequest } from '../orchestrator.js';
import type { OrchestratorDeps } from '../orchestrator-deps.js';
import { prepareDatasource } from './prepare-datasource.js';
import type { RunState } from '../run-state.js';

describe('prepareDatasource: Data DNA progress as events', () => {
  let dir: string;
  let registry: ReturnType<typeof createDatasourceRegistry>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'insightx-dna-progress-'));
    const file = path.join(dir, 'shop.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, city TEXT);
      CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), amount REAL);
      CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE returns (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id));
      INSERT INTO customers VALUES (1, 'Porto'), (2, 'Lisbon');
      INSERT INTO orders VALUES (1, 1, 10.5), (2, 2, 20);
      INSERT INTO products VALUES (1, 'pen');
      INSERT INTO returns VALUES (1, 2);`);
    db.close();
    registry = createDatasourceRegistry({ dataDir: dir, datasources: [{ kind: 'sqlite', name: 'shop', path: file }] });
  });
  afterAll(async () => {
    await registry.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('emits dna-progress with increasing percents for each table of a multi-table datasource, ending at 100', async () => {
    const events: RunEventPayload[] = [];
    const deps = {
      registry,
      // As the server wires it: the profiler's steps become percents for the run.
      getDna: (connector, options) =>
        profileDatasource(connector, { signal: options.signal, onProgress: (message, step) => options.onProgress?.(message, { table: step.table, percent: percentOf(step) }) }),
    } as Pick<OrchestratorDeps, 'registry' | 'getDna'> as OrchestratorDeps;
    const request = { datasource: 'shop', workspaceId: undefined } as unknown as RunRequest;
    const state = { request, deps, stage: 'route', emit: async (event: RunEventPayload) => void events.push(event), signal: new AbortController().signal } as unknown as RunState;
    await prepareDatasource(state);

    const progress = events.filter((event): event is Extract<RunEventPayload, { type: 'dna-progress' }> => event.type === 'dna-progress');
    expect(progress.map((event) => event.table).filter(Boolean).sort()).toEqual(['customers', 'orders', 'products', 'returns']);
    const percents = progress.map((event) => event.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(new Set(percents).size).toBe(percents.length);
    expect(percents.at(-1)).toBe(100);
    expect(progress.every((event) => event.datasource === 'shop' && event.message.length > 0)).toBe(true);
    expect(state.dna?.tables).toHaveLength(4);
  });
});
