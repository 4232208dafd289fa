import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export type MessageRole = 'user' | 'assistant';

/** What an assistant turn keeps for follow-ups and the UI (all optional). */
export interface MessageDetails {
  route?: string | null;
  sql?: string | null;
  resultId?: string | null;
  status?: string;
  chart?: { type: string; code: string } | null;
  error?: { code: string; message: string } | null;
  [key: string]: unknown;
}

export interface Message {
  id: string;
  threadId: string;
  role: MessageRole;
  content: string;
  runId: string | null;
  details: MessageDetails;
  createdAt: string;
}

interface MessageRow {
  id: string;
  thread_id: string;
  role: MessageRole;
  content: string;
  run_id: string | null;
  details: MessageDetails;
  created_at: Date;
}

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  threadId: row.thread_id,
  role: row.role,
  content: row.content,
  runId: row.run_id,
  details: row.details ?? {},
  createdAt: toIso(row.created_at),
});

/** Messages of a thread, in the order they were written. */
export function createMessagesRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async create(
      workspaceId: string,
      input: { threadId: string; role: MessageRole; content: string; runId?: string | null; details?: MessageDetails; id?: string },
    ): Promise<Message> {
      const { rows } = await db.query<MessageRow>(
        `INSERT INTO messages (id, workspace_id, thread_id, role, content, run_id, details, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING *`,
        [input.id ?? ids('msg'), workspaceId, input.threadId, input.role, input.content, input.runId ?? null, input.details ?? {}, clock.now()],
      );
      return toMessage(rows[0]);
    },
    async get(workspaceId: string, id: string): Promise<Message | undefined> {
      const { rows } = await db.query<MessageRow>('SELECT * FROM messages WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
      return rows[0] && toMessage(rows[0]);
    },
    async list(workspaceId: string, threadId: string): Promise<Message[]> {
      const { rows } = await db.query<MessageRow>(
        'SELECT * FROM messages WHERE workspace_id = $1 AND thread_id = $2 ORDER BY position',
        [workspaceId, threadId],
      );
      return rows.map(toMessage);
    },
  };
}
export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
