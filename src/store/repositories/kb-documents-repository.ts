import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export interface KbDocument {
  id: string;
  kind: string;
  title: string;
  body: string;
  source: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface KbMatch extends KbDocument {
  /** ts_rank for text search, cosine similarity for embedding search: higher is closer. */
  score: number;
}

/** `pgvector` when the server has the extension, `array` (cosine over real[] in SQL) otherwise. */
export type VectorBackend = 'pgvector' | 'array';

interface KbRow { id: string; kind: string; title: string; body: string; source: string | null; created_at: Date; updated_at: Date; score?: number }

const COLUMNS = 'id, kind, title, body, source, created_at, updated_at';

const toDocument = (row: KbRow): KbDocument => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  source: row.source,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/** pgvector's text form: `[0.1,0.2]`. */
const vectorLiteral = (embedding: readonly number[]) => `[${embedding.join(',')}]`;
/** PostgreSQL's array text form: `{0.1,0.2}` (array parameters would be sent as JSON). */
const arrayLiteral = (embedding: readonly number[]) => `{${embedding.join(',')}}`;

/**
 * Knowledge base documents (docs, glossary, metric definitions) with full-text search
 * (tsvector, English) and embedding search (pgvector where available, else cosine in SQL).
 */
export function createKbDocumentsRepository({ db, ids, clock }: RepositoryContext) {
  let backend: VectorBackend | undefined;
  const vectorBackend = async (): Promise<VectorBackend> => {
    backend ??= (await db.query<{ backend: VectorBackend }>('SELECT insightx_vector_backend() AS backend')).rows[0].backend;
    return backend;
  };
  return {
    vectorBackend,
    async create(
      workspaceId: string,
      input: { kind?: string; title: string; body: string; source?: string | null; embedding?: readonly number[] | null },
    ): Promise<KbDocument> {
      const now = clock.now();
      const id = ids('kb');
      const embedding = input.embedding ?? null;
      const { rows } = await db.query<KbRow>(
        `INSERT INTO kb_documents (id, workspace_id, kind, title, body, source, embedding, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::real[], $8, $8) RETURNING ${COLUMNS}`,
        [id, workspaceId, input.kind ?? 'doc', input.title, input.body, input.source ?? null, embedding && arrayLiteral(embedding), now],
      );
      if (embedding && (await vectorBackend()) === 'pgvector') {
        await db.query('UPDATE kb_documents SET embedding_vector = $2::vector WHERE id = $1', [id, vectorLiteral(embedding)]);
      }
      return toDocument(rows[0]);
    },
    async get(workspaceId: string, id: string): Promise<KbDocument | undefined> {
      const { rows } = await db.query<KbRow>(`SELECT ${COLUMNS} FROM kb_documents WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
      return rows[0] && toDocument(rows[0]);
    },
    async delete(workspaceId: string, id: string): Promise<boolean> {
      return (await db.query('DELETE FROM kb_documents WHERE workspace_id = $1 AND id = $2', [workspaceId, id])).affectedRows > 0;
    },
    /** Full-text search in words (`websearch_to_tsquery`: quotes, OR, -not). */
    async search(workspaceId: string, text: string, limit = 10): Promise<KbMatch[]> {
      const { rows } = await db.query<KbRow>(
        `SELECT ${COLUMNS}, ts_rank(search, query)::float8 AS score
         FROM kb_documents, websearch_to_tsquery('english', $2) query
         WHERE workspace_id = $1 AND search @@ query ORDER BY score DESC, id LIMIT $3`,
        [workspaceId, text, limit],
      );
      return rows.map((row) => ({ ...toDocument(row), score: Number(row.score) }));
    },
    /** Nearest documents to an embedding (documents without one are skipped). */
    async searchByEmbedding(workspaceId: string, embedding: readonly number[], limit = 10): Promise<KbMatch[]> {
      const sql =
        (await vectorBackend()) === 'pgvector'
          ? `SELECT ${COLUMNS}, (1 - (embedding_vector <=> $2::vector))::float8 AS score FROM kb_documents
             WHERE workspace_id = $1 AND embedding_vector IS NOT NULL ORDER BY embedding_vector <=> $2::vector LIMIT $3`
          : `SELECT ${COLUMNS}, insightx_cosine(embedding, $2::real[]) AS score FROM kb_documents
             WHERE workspace_id = $1 AND cardinality(embedding) = cardinality($2::real[]) ORDER BY score DESC, id LIMIT $3`;
      const parameter = backend === 'pgvector' ? vectorLiteral(embedding) : arrayLiteral(embedding);
      const { rows } = await db.query<KbRow>(sql, [workspaceId, parameter, limit]);
      return rows.map((row) => ({ ...toDocument(row), score: Number(row.score) }));
    },
  };
}
export type KbDocumentsRepository = ReturnType<typeof createKbDocumentsRepository>;
