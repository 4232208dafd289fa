import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export type FeedbackRating = 'up' | 'down';

export interface Feedback {
  id: string;
  messageId: string;
  rating: FeedbackRating;
  correction: string | null;
  createdAt: string;
  updatedAt: string;
}

interface FeedbackRow { id: string; message_id: string; rating: FeedbackRating; correction: string | null; created_at: Date; updated_at: Date }

const toFeedback = (row: FeedbackRow): Feedback => ({
  id: row.id,
  messageId: row.message_id,
  rating: row.rating,
  correction: row.correction,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/** Thumbs up/down on an answer, one per message (a second vote replaces the first). */
export function createFeedbackRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async upsert(workspaceId: string, input: { messageId: string; rating: FeedbackRating; correction?: string | null }): Promise<Feedback> {
      const now = clock.now();
      const { rows } = await db.query<FeedbackRow>(
        `INSERT INTO feedback (id, workspace_id, message_id, rating, correction, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (message_id) DO UPDATE SET rating = EXCLUDED.rating, correction = EXCLUDED.correction, updated_at = EXCLUDED.updated_at
         RETURNING *`,
        [ids('fb'), workspaceId, input.messageId, input.rating, input.correction ?? null, now],
      );
      return toFeedback(rows[0]);
    },
    /** The feedback on a thread's messages. */
    async listByThread(workspaceId: string, threadId: string): Promise<Feedback[]> {
      const { rows } = await db.query<FeedbackRow>(
        'SELECT f.* FROM feedback f JOIN messages m ON m.id = f.message_id WHERE f.workspace_id = $1 AND m.thread_id = $2',
        [workspaceId, threadId],
      );
      return rows.map(toFeedback);
    },
    async getByMessage(workspaceId: string, messageId: string): Promise<Feedback | undefined> {
      const { rows } = await db.query<FeedbackRow>('SELECT * FROM feedback WHERE workspace_id = $1 AND message_id = $2', [workspaceId, messageId]);
      return rows[0] && toFeedback(rows[0]);
    },
  };
}
export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
