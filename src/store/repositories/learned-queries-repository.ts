import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export interface LearnedQuery {
  id: string;
  datasource: string;
  question: string;
  sql: string;
  source: string;
  uses: number;
  createdAt: string;
}

interface LearnedRow { id: string; datasource: string; question: string; sql: string; source: string; uses: number; created_at: Date; score?: number }

const COLUMNS = 'id, datasource, question, sql, source, uses, created_at';

const toLearned = (row: LearnedRow): LearnedQuery => ({
  id: row.id,
  datasource: row.datasource,
  question: row.question,
  sql: row.sql,
  source: row.source,
  uses: row.uses,
  createdAt: toIso(row.created_at),
});

/** Question → SQL pairs that worked (from feedback or golden queries), found again by words. */
export function createLearnedQueriesRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async create(workspaceId: string, input: { datasource: string; question: string; sql: string; source?: string }): Promise<LearnedQuery> {
      const { rows } = await db.query<LearnedRow>(
        `INSERT INTO learned_queries (id, workspace_id, datasource, question, sql, source, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [ids('lq'), workspaceId, input.datasource, input.question, input.sql, input.source ?? 'feedback', clock.now()],
      );
      return toLearned(rows[0]);
    },
    /** Pairs whose question shares words with `question`, best first (OR of the words). */
    async search(workspaceId: string, datasource: string, question: string, limit = 5): Promise<(LearnedQuery & { score: number })[]> {
      const { rows } = await db.query<LearnedRow>(
        `SELECT ${COLUMNS}, ts_rank(search, query)::float8 AS score
         FROM learned_queries,
              to_tsquery('english', NULLIF(array_to_string(tsvector_to_array(to_tsvector('english', $3)), ' | '), '')) query
         WHERE workspace_id = $1 AND datasource = $2 AND search @@ query ORDER BY score DESC, uses DESC, id LIMIT $4`,
        [workspaceId, datasource, question, limit],
      );
      return rows.map((row) => ({ ...toLearned(row), score: Number(row.score) }));
    },
    async recordUse(id: string): Promise<void> {
      await db.query('UPDATE learned_queries SET uses = uses + 1 WHERE id = $1', [id]);
    },
  };
}
export type LearnedQueriesRepository = ReturnType<typeof createLearnedQueriesRepository>;
