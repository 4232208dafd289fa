import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export interface Thread {
  id: string;
  workspaceId: string;
  title: string;
  datasource: string | null;
  createdAt: string;
  updatedAt: string;
}

interface ThreadRow { id: string; workspace_id: string; title: string; datasource: string | null; created_at: Date; updated_at: Date }

const toThread = (row: ThreadRow): Thread => ({
  id: row.id,
  workspaceId: row.workspace_id,
  title: row.title,
  datasource: row.datasource,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/** Conversation threads; every method is filtered by workspace. */
export function createThreadsRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async create(workspaceId: string, input: { title: string; datasource?: string | null }): Promise<Thread> {
      const now = clock.now();
      const { rows } = await db.query<ThreadRow>(
        'INSERT INTO threads (id, workspace_id, title, datasource, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING *',
        [ids('thr'), workspaceId, input.title, input.datasource ?? null, now],
      );
      return toThread(rows[0]);
    },
    async get(workspaceId: string, id: string): Promise<Thread | undefined> {
      const { rows } = await db.query<ThreadRow>('SELECT * FROM threads WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
      return rows[0] && toThread(rows[0]);
    },
    /** Most recently active first. */
    async list(workspaceId: string, options: { limit?: number; offset?: number } = {}): Promise<Thread[]> {
      const { rows } = await db.query<ThreadRow>(
        'SELECT * FROM threads WHERE workspace_id = $1 ORDER BY updated_at DESC, id DESC LIMIT $2 OFFSET $3',
        [workspaceId, options.limit ?? 100, options.offset ?? 0],
      );
      return rows.map(toThread);
    },
    async update(workspaceId: string, id: string, changes: { title?: string; datasource?: string | null }): Promise<Thread | undefined> {
      const { rows } = await db.query<ThreadRow>(
        `UPDATE threads SET title = COALESCE($3, title),
           datasource = CASE WHEN $4::boolean THEN $5 ELSE datasource END, updated_at = $6
         WHERE workspace_id = $1 AND id = $2 RETURNING *`,
        [workspaceId, id, changes.title ?? null, changes.datasource !== undefined, changes.datasource ?? null, clock.now()],
      );
      return rows[0] && toThread(rows[0]);
    },
    /** Marks the thread as active now (a new message). */
    async touch(id: string): Promise<void> {
      await db.query('UPDATE threads SET updated_at = $2 WHERE id = $1', [id, clock.now()]);
    },
    async delete(workspaceId: string, id: string): Promise<boolean> {
      const result = await db.query('DELETE FROM threads WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
      return result.affectedRows > 0;
    },
  };
}
export type ThreadsRepository = ReturnType<typeof createThreadsRepository>;
