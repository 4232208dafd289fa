import type { RunStatus } from '../../core/events.js';
import type { RepositoryContext } from './repository-context.js';
import { toIso, toIsoOrNull } from './repository-context.js';

export type RunState = 'running' | RunStatus;

export interface Run {
  id: string;
  workspaceId: string;
  threadId: string | null;
  messageId: string | null;
  question: string;
  datasource: string;
  status: RunState;
  route: string | null;
  error: { code: string; message: string } | null;
  lastSeq: number;
  createdAt: string;
  endedAt: string | null;
}

interface RunRow {
  id: string;
  workspace_id: string;
  thread_id: string | null;
  message_id: string | null;
  question: string;
  datasource: string;
  status: RunState;
  route: string | null;
  error: { code: string; message: string } | null;
  last_seq: number;
  created_at: Date;
  ended_at: Date | null;
}

const toRun = (row: RunRow): Run => ({
  id: row.id,
  workspaceId: row.workspace_id,
  threadId: row.thread_id,
  messageId: row.message_id,
  question: row.question,
  datasource: row.datasource,
  status: row.status,
  route: row.route,
  error: row.error,
  lastSeq: row.last_seq,
  createdAt: toIso(row.created_at),
  endedAt: toIsoOrNull(row.ended_at),
});

/** A run with the seq of its last stored event (-1 before the first), from the primary key index. */
const SELECT_RUN = `SELECT r.*, COALESCE((SELECT max(e.seq) FROM run_events e WHERE e.run_id = r.id), -1) AS last_seq FROM runs r`;

/** Runs (one question answered); their events live in run_events. */
export function createRunsRepository({ db, clock }: RepositoryContext) {
  return {
    async create(
      workspaceId: string,
      input: { id: string; threadId: string | null; messageId: string | null; question: string; datasource: string },
    ): Promise<Run> {
      const { rows } = await db.query<RunRow>(
        `INSERT INTO runs (id, workspace_id, thread_id, message_id, question, datasource, status, created_at, heartbeat_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, now()) RETURNING *, -1 AS last_seq`,
        [input.id, workspaceId, input.threadId, input.messageId, input.question, input.datasource, clock.now()],
      );
      return toRun(rows[0]);
    },
    async get(workspaceId: string, id: string): Promise<Run | undefined> {
      const { rows } = await db.query<RunRow>(`${SELECT_RUN} WHERE r.workspace_id = $1 AND r.id = $2`, [workspaceId, id]);
      return rows[0] && toRun(rows[0]);
    },
    async listByThread(workspaceId: string, threadId: string): Promise<Run[]> {
      const { rows } = await db.query<RunRow>(
        `${SELECT_RUN} WHERE r.workspace_id = $1 AND r.thread_id = $2 ORDER BY r.created_at, r.id`,
        [workspaceId, threadId],
      );
      return rows.map(toRun);
    },
    /** Ends a run; only a running run changes (a second finish is a no-op). */
    async finish(id: string, end: { status: RunStatus; route: string | null; error: { code: string; message: string } | null }): Promise<boolean> {
      const result = await db.query(
        "UPDATE runs SET status = $2, route = $3, error = $4::jsonb, ended_at = $5 WHERE id = $1 AND status = 'running'",
        [id, end.status, end.route, end.error, clock.now()],
      );
      return result.affectedRows > 0;
    },
    /**
     * Runs still marked running. With `staleAfterMs`, only those whose heartbeat is older than
     * that (their server stopped beating); without it, all of them (a single-process store at
     * start: whatever is running was interrupted).
     */
    async listRunning(options: { staleAfterMs?: number } = {}): Promise<Run[]> {
      const { rows } =
        options.staleAfterMs === undefined
          ? await db.query<RunRow>(`${SELECT_RUN} WHERE r.status = 'running' ORDER BY r.created_at`)
          : await db.query<RunRow>(
              `${SELECT_RUN} WHERE r.status = 'running'
                 AND (r.heartbeat_at IS NULL OR r.heartbeat_at < now() - make_interval(secs => $1::float8 / 1000))
               ORDER BY r.created_at`,
              [options.staleAfterMs],
            );
      return rows.map(toRun);
    },
    /** Marks runs as alive now (the instance running them calls this periodically). */
    async heartbeat(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      // Ids are generated (prefix + hex): safe in an array literal.
      await db.query("UPDATE runs SET heartbeat_at = now() WHERE id = ANY($1::text[]) AND status = 'running'", [`{${ids.join(',')}}`]);
    },
  };
}
export type RunsRepository = ReturnType<typeof createRunsRepository>;
