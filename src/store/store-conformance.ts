import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../core/app-error.js';
import type { RunEvent } from '../core/events.js';
import { rowJsonBytes } from '../core/query-result.js';
import { applyMigrations, listMigrations } from './migrate.js';
import { createNotifyRunEventBus } from './notify-run-event-bus.js';
import { asResultStore } from './repositories/results-repository.js';
import { isUniqueViolation } from './store-error.js';
import { createStore, type Store } from './store.js';

/**
 * The one store conformance suite (ARCHITECTURE §6): every store backend (PGlite, PostgreSQL)
 * runs it. `open` gives a fresh, migrated store; `dispose` removes it.
 */
export function describeStoreConformance(name: string, open: () => Promise<Store>, dispose: (store: Store) => Promise<void>) {
  describe(`store conformance: ${name}`, () => {
    let store: Store;
    let ws: string;
    let other: string;
    beforeAll(async () => {
      store = await open();
      ws = (await store.workspaces.ensure('acme')).id;
      other = (await store.workspaces.ensure('globex')).id;
    });
    afterAll(async () => {
      if (store) await dispose(store);
    });

    const event = (runId: string, seq: number, payload: Record<string, unknown>) =>
      ({ runId, seq, at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), ...payload }) as RunEvent;

    it('applies every migration once and records it', async () => {
      expect(await applyMigrations(store.db)).toEqual([]);
      const { rows } = await store.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(listMigrations().map((migration) => migration.version));
    });

    it('commits a transaction on return and rolls it back on throw', async () => {
      await store.transaction((tx) => tx.threads.create(ws, { title: 'kept' }));
      await expect(
        store.transaction(async (tx) => {
          await tx.threads.create(ws, { title: 'rolled back' });
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      const titles = (await store.threads.list(ws)).map((thread) => thread.title);
      expect(titles).toContain('kept');
      expect(titles).not.toContain('rolled back');
    });

    it('ensures a workspace by name once', async () => {
      const again = await store.workspaces.ensure('acme');
      expect(again.id).toBe(ws);
      expect((await store.workspaces.getByName('acme'))?.id).toBe(ws);
    });

    it('keeps tokens hashed and resolves only live ones', async () => {
      const { token, record } = await store.apiTokens.create(ws, 'ci');
      const { rows } = await store.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [record.id]);
      expect(rows[0].token_hash).not.toContain(token);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect((await store.apiTokens.resolve(token))?.workspaceId).toBe(ws);
      expect(await store.apiTokens.resolve(`${token}x`)).toBeUndefined();
      expect(await store.apiTokens.revoke(ws, record.id)).toBe(true);
      expect(await store.apiTokens.resolve(token)).toBeUndefined();
    });

    it('filters threads and messages by workspace', async () => {
      const thread = await store.threads.create(ws, { title: 'Failures', datasource: 'sample' });
      await store.messages.create(ws, { threadId: thread.id, role: 'user', content: 'How many failed?' });
      await store.messages.create(ws, { threadId: thread.id, role: 'assistant', content: '42', details: { sql: 'SELECT 42' } });
      expect(await store.threads.get(other, thread.id)).toBeUndefined();
      expect(await store.messages.list(other, thread.id)).toEqual([]);
      const messages = await store.messages.list(ws, thread.id);
      expect(messages.map((message) => message.content)).toEqual(['How many failed?', '42']);
      expect(messages[1].details.sql).toBe('SELECT 42');
      expect((await store.threads.update(ws, thread.id, { title: 'Renamed' }))?.title).toBe('Renamed');
      expect(await store.threads.update(other, thread.id, { title: 'Stolen' })).toBeUndefined();
      expect(await store.threads.delete(other, thread.id)).toBe(false);
      expect(await store.threads.delete(ws, thread.id)).toBe(true);
      expect(await store.messages.list(ws, thread.id)).toEqual([]);
    });

    it('stores run events in order, refuses a repeated seq and ends a run once', async () => {
      const thread = await store.threads.create(ws, { title: 'Runs' });
      await store.runs.create(ws, { id: 'run_conf_1', threadId: thread.id, messageId: null, question: 'q', datasource: 'sample' });
      await store.runEvents.append(event('run_conf_1', 0, { type: 'run-start', runId: 'run_conf_1', threadId: thread.id, question: 'q', datasource: 'sample' }));
      await store.runEvents.append(event('run_conf_1', 1, { type: 'usage', agent: 'sql', model: 'local:analyst', inputTokens: 10, outputTokens: 5, estimated: true, costUsd: 0.5 }));
      await store.runEvents.append(event('run_conf_1', 2, { type: 'usage', agent: 'sql', model: 'local:analyst', inputTokens: 1, outputTokens: 2, estimated: true }));
      await store.runEvents.append(event('run_conf_1', 3, { type: 'run-end', status: 'completed', route: 'SQL_ONLY' }));
      const duplicate = await store.runEvents.append(event('run_conf_1', 3, { type: 'text-delta', delta: 'x' })).catch((error: unknown) => error);
      expect(isUniqueViolation(duplicate)).toBe(true);
      expect((await store.runEvents.list('run_conf_1', 1)).map((stored) => stored.seq)).toEqual([2, 3]);
      expect((await store.runs.get(ws, 'run_conf_1'))?.lastSeq).toBe(3);
      expect((await store.runs.listRunning()).map((run) => run.id)).toContain('run_conf_1');
      expect(await store.runs.finish('run_conf_1', { status: 'completed', route: 'SQL_ONLY', error: null })).toBe(true);
      expect(await store.runs.finish('run_conf_1', { status: 'failed', route: null, error: null })).toBe(false);
      expect((await store.runs.get(ws, 'run_conf_1'))?.status).toBe('completed');
      expect(await store.runs.get(other, 'run_conf_1')).toBeUndefined();
      expect(await store.runEvents.usageByThread(ws, thread.id)).toEqual([
        { agent: 'sql', model: 'local:analyst', inputTokens: 11, outputTokens: 7, costUsd: 0.5, calls: 2, estimated: true },
      ]);
    });

    it('tells runs whose heartbeat stopped from runs still beating', async () => {
      await store.runs.create(ws, { id: 'run_beat_fresh', threadId: null, messageId: null, question: 'q', datasource: 'sample' });
      await store.runs.create(ws, { id: 'run_beat_stale', threadId: null, messageId: null, question: 'q', datasource: 'sample' });
      await store.db.query("UPDATE runs SET heartbeat_at = now() - interval '1 hour' WHERE id IN ('run_beat_fresh', 'run_beat_stale')");
      await store.runs.heartbeat(['run_beat_fresh']);
      const stale = (await store.runs.listRunning({ staleAfterMs: 60_000 })).map((run) => run.id);
      expect(stale).toContain('run_beat_stale');
      expect(stale).not.toContain('run_beat_fresh');
      expect((await store.runs.listRunning()).map((run) => run.id)).toEqual(expect.arrayContaining(['run_beat_fresh', 'run_beat_stale']));
      for (const id of ['run_beat_fresh', 'run_beat_stale']) await store.runs.finish(id, { status: 'failed', route: null, error: null });
    });

    it('round-trips a result exactly and shows it only to the workspace that claimed it', async () => {
      const results = asResultStore(store.results);
      const saved = await results.save({
        id: 'res_conf_1',
        sql: 'SELECT 1',
        datasource: 'sample',
        columns: [{ name: 'n', type: 'DOUBLE' }, { name: 'label', type: 'VARCHAR' }, { name: 'ok', type: 'BOOLEAN' }],
        rows: [[1.5, 'a "quoted", text', true], [null, null, false], [-0.25, 'ünïcode', null]],
        rowCount: 3,
        truncated: false,
        elapsedMs: 1.25,
      });
      expect(await results.get('res_conf_1')).toEqual(saved);
      expect(saved.rows[0]).toEqual([1.5, 'a "quoted", text', true]);
      expect(await store.results.getForWorkspace(ws, 'res_conf_1')).toBeUndefined();
      expect(await store.results.claim('res_conf_1', ws, 'run_x')).toBe(true);
      expect(await store.results.claim('res_conf_1', other, 'run_y')).toBe(false);
      expect((await store.results.getForWorkspace(ws, 'res_conf_1'))?.rows).toEqual(saved.rows);
      expect(await store.results.getForWorkspace(other, 'res_conf_1')).toBeUndefined();
    });

    it('caps a stored result by bytes, says so, and pages its rows out of the store', async () => {
      const rows = Array.from({ length: 50 }, (_, index) => [index, 'x'.repeat(20)]);
      const capped = createStore(store.db, { resultMaxBytes: 10 * rowJsonBytes(rows[0]) });
      const saved = await capped.results.save(
        { id: 'res_conf_cap', sql: 'SELECT n, s', datasource: 'sample', columns: [{ name: 'n', type: 'INTEGER' }, { name: 's', type: 'VARCHAR' }], rows, rowCount: 50, truncated: false, elapsedMs: 1 },
        { workspaceId: ws },
      );
      expect(saved).toMatchObject({ rowCount: 10, truncated: true, truncatedReason: 'bytes' });
      const header = await store.results.getHeaderForWorkspace(ws, 'res_conf_cap');
      expect(header).toMatchObject({ rowCount: 10, truncated: true, truncatedReason: 'bytes' });
      expect(header).not.toHaveProperty('rows');
      expect(await store.results.getHeaderForWorkspace(other, 'res_conf_cap')).toBeUndefined();
      expect(await store.results.listRows('res_conf_cap', 0, 4)).toEqual(rows.slice(0, 4));
      expect(await store.results.listRows('res_conf_cap', 8, 4)).toEqual(rows.slice(8, 10));
      expect(await store.results.listRows('res_conf_cap', 10, 4)).toEqual([]);
      const cutByRows = await store.results.save({ id: 'res_conf_rows', sql: 'SELECT 1', datasource: 'sample', columns: [], rows: [], rowCount: 0, truncated: true, elapsedMs: 1 });
      expect((await store.results.get(cutByRows.id))?.truncatedReason).toBe('rows');
    });

    it('keeps datasource names unique per workspace', async () => {
      await store.datasources.create(ws, { kind: 'file', name: 'sales', path: '/data/sales.csv' });
      const clash = await store.datasources.create(ws, { kind: 'file', name: 'sales', path: '/x.csv' }).catch((error: unknown) => error);
      expect(clash).toBeInstanceOf(AppError);
      expect(isUniqueViolation(clash)).toBe(true);
      await store.datasources.create(other, { kind: 'file', name: 'sales', path: '/other.csv' });
      expect((await store.datasources.getByName(ws, 'sales'))?.config).toEqual({ kind: 'file', name: 'sales', path: '/data/sales.csv' });
    });

    it('saves the synonyms of a datasource per workspace, one meaning per word, and removes them', async () => {
      const active = await store.synonyms.save(ws, 'sales', { word: ' Active  Users ', table: 'orders', column: 'status', value: 'live' });
      expect(active).toMatchObject({ datasource: 'sales', word: 'active users', table: 'orders', column: 'status', value: 'live' });
      await store.synonyms.save(ws, 'sales', { word: 'buyers', table: 'customers' });
      // The same word again replaces its meaning, keeping one row.
      const replaced = await store.synonyms.save(ws, 'sales', { word: 'active users', table: 'orders', column: 'state', value: 'open' });
      expect(replaced).toMatchObject({ column: 'state', value: 'open' });
      const listed = await store.synonyms.list(ws, 'sales');
      expect(listed.map((synonym) => [synonym.word, synonym.table, synonym.column, synonym.value])).toEqual([
        ['active users', 'orders', 'state', 'open'],
        ['buyers', 'customers', null, null],
      ]);
      expect(await store.synonyms.list(other, 'sales')).toEqual([]);
      expect(await store.synonyms.list(ws, 'other_source')).toEqual([]);
      const rejected = await store.db.query("INSERT INTO datasource_synonyms (id, workspace_id, datasource, word, table_name, value, created_at) VALUES ('bad', $1, 'sales', 'x', 't', 'v', now())", [ws]).catch((error: unknown) => error);
      expect(rejected).toBeInstanceOf(Error);
      expect(await store.synonyms.delete(other, 'sales', listed[1].id)).toBe(false);
      expect(await store.synonyms.delete(ws, 'sales', listed[1].id)).toBe(true);
      expect((await store.synonyms.list(ws, 'sales')).map((synonym) => synonym.word)).toEqual(['active users']);
      expect(await store.synonyms.deleteAll(ws, 'sales')).toBe(1);
      expect(await store.synonyms.list(ws, 'sales')).toEqual([]);
    });

    it('saves templates, artifacts and feedback per workspace', async () => {
      const template = await store.templates.create(ws, { prompt: 'Revenue by month', generatedSql: 'SELECT 1', parameters: { title: 'R' } });
      const updated = await store.templates.update(ws, template.id, { uiCode: 'export default function Viz() {}' });
      expect(updated).toMatchObject({ prompt: 'Revenue by month', generatedSql: 'SELECT 1', uiCode: 'export default function Viz() {}', parameters: { title: 'R' } });
      expect(await store.templates.get(other, template.id)).toBeUndefined();
      expect(await store.templates.delete(ws, template.id)).toBe(true);

      await store.artifacts.save({ workspaceId: ws, kind: 'dna', key: 'sample', content: { version: 1 } });
      await store.artifacts.save({ workspaceId: ws, kind: 'dna', key: 'sample', content: { version: 2 } });
      expect((await store.artifacts.latest<{ version: number }>(ws, 'dna', 'sample'))?.content.version).toBe(2);

      const thread = await store.threads.create(ws, { title: 'fb' });
      const message = await store.messages.create(ws, { threadId: thread.id, role: 'assistant', content: 'answer' });
      await store.feedback.upsert(ws, { messageId: message.id, rating: 'down', correction: 'It is 41.' });
      await store.feedback.upsert(ws, { messageId: message.id, rating: 'up' });
      expect(await store.feedback.getByMessage(ws, message.id)).toMatchObject({ rating: 'up', correction: null });
    });

    it('finds knowledge documents by words and by embedding', async () => {
      await store.kbDocuments.create(ws, { title: 'Failure rate', body: 'Payments that failed divided by all payments.', embedding: [1, 0, 0] });
      await store.kbDocuments.create(ws, { title: 'Active users', body: 'Users with a session in the last 30 days.', embedding: [0, 1, 0] });
      await store.kbDocuments.create(other, { title: 'Failure rate elsewhere', body: 'failing payments', embedding: [1, 0, 0] });
      const byWords = await store.kbDocuments.search(ws, 'failing payment');
      expect(byWords.map((document) => document.title)).toEqual(['Failure rate']);
      const byEmbedding = await store.kbDocuments.searchByEmbedding(ws, [0.9, 0.1, 0]);
      expect(byEmbedding.map((document) => document.title)).toEqual(['Failure rate', 'Active users']);
      expect(byEmbedding[0].score).toBeGreaterThan(byEmbedding[1].score);
      expect(['pgvector', 'array']).toContain(await store.kbDocuments.vectorBackend());
    });

    it('finds learned queries by shared words', async () => {
      await store.learnedQueries.create(ws, { datasource: 'sample', question: 'How many payments failed last month?', sql: 'SELECT 1' });
      const found = await store.learnedQueries.search(ws, 'sample', 'failed payments by month');
      expect(found.map((query) => query.sql)).toEqual(['SELECT 1']);
      expect(await store.learnedQueries.search(other, 'sample', 'failed payments')).toEqual([]);
    });

    it('tracks jobs and their steps', async () => {
      const job = await store.jobs.create(ws, { kind: 'provision', input: { company: 'Acme' }, steps: ['research', 'model'] });
      await store.jobs.update(job.id, { status: 'running', progress: 0.5 });
      await store.jobs.updateStep(job.id, 0, { status: 'completed', detail: { pages: 3 } });
      expect(await store.jobs.get(ws, job.id)).toMatchObject({ status: 'running', progress: 0.5, input: { company: 'Acme' } });
      const steps = await store.jobs.listSteps(job.id);
      expect(steps.map((step) => [step.name, step.status])).toEqual([['research', 'completed'], ['model', 'pending']]);
      expect(steps[0].endedAt).not.toBeNull();
    });

    it('records audit entries newest first', async () => {
      await store.auditLog.record(ws, { actor: 'local', action: 'sql.run', detail: { sql: 'SELECT 1' } });
      await store.auditLog.record(ws, { actor: 'local', action: 'sql.run', detail: { sql: 'SELECT 2' } });
      expect((await store.auditLog.list(ws)).map((entry) => entry.detail.sql)).toEqual(['SELECT 2', 'SELECT 1']);
    });

    it('fans run events out across buses through LISTEN/NOTIFY', async () => {
      await store.runs.create(ws, { id: 'run_conf_bus', threadId: null, messageId: null, question: 'q', datasource: 'sample' });
      const publisher = await createNotifyRunEventBus(store.db, store.runEvents);
      const subscriber = await createNotifyRunEventBus(store.db, store.runEvents);
      const received: number[] = [];
      const done = new Promise<void>((resolve) =>
        subscriber.subscribe('run_conf_bus', (delivered) => {
          received.push(delivered.seq);
          if (delivered.type === 'run-end') resolve();
        }),
      );
      const events = [
        event('run_conf_bus', 0, { type: 'text-delta', delta: 'a' }),
        event('run_conf_bus', 1, { type: 'text-delta', delta: 'b' }),
        event('run_conf_bus', 2, { type: 'run-end', status: 'completed', route: null }),
      ];
      for (const stored of events) {
        await store.runEvents.append(stored);
        publisher.publish(stored);
      }
      await done;
      expect(received).toEqual([0, 1, 2]);
      await publisher.close();
      await subscriber.close();
    });
  });
}
