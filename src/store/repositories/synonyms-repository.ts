import type { Synonym, SynonymInput } from '../../core/synonym.js';
import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

interface SynonymRow {
  id: string;
  datasource: string;
  word: string;
  table_name: string;
  column_name: string | null;
  value: string | null;
  created_at: Date;
}

const COLUMNS = 'id, datasource, word, table_name, column_name, value, created_at';

const toSynonym = (row: SynonymRow): Synonym => ({
  id: row.id,
  datasource: row.datasource,
  word: row.word,
  table: row.table_name,
  column: row.column_name,
  value: row.value,
  createdAt: toIso(row.created_at),
});

/** Words are kept lower-case with single spaces: "Active  Users" and "active users" are one word. */
export const normalizeSynonymWord = (word: string) => word.trim().toLowerCase().replace(/\s+/g, ' ');

/** A datasource's synonyms per workspace; saving a word again replaces what it meant. */
export function createSynonymsRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async save(workspaceId: string, datasource: string, input: SynonymInput): Promise<Synonym> {
      const { rows } = await db.query<SynonymRow>(
        `INSERT INTO datasource_synonyms (id, workspace_id, datasource, word, table_name, column_name, value, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (workspace_id, datasource, word)
         DO UPDATE SET table_name = EXCLUDED.table_name, column_name = EXCLUDED.column_name, value = EXCLUDED.value, created_at = EXCLUDED.created_at
         RETURNING ${COLUMNS}`,
        [ids('syn'), workspaceId, datasource, normalizeSynonymWord(input.word), input.table, input.column ?? null, input.value ?? null, clock.now()],
      );
      return toSynonym(rows[0]);
    },
    async list(workspaceId: string, datasource: string): Promise<Synonym[]> {
      const { rows } = await db.query<SynonymRow>(
        `SELECT ${COLUMNS} FROM datasource_synonyms WHERE workspace_id = $1 AND datasource = $2 ORDER BY word, id`,
        [workspaceId, datasource],
      );
      return rows.map(toSynonym);
    },
    async delete(workspaceId: string, datasource: string, id: string): Promise<boolean> {
      const result = await db.query('DELETE FROM datasource_synonyms WHERE workspace_id = $1 AND datasource = $2 AND id = $3', [workspaceId, datasource, id]);
      return result.affectedRows > 0;
    },
    /** Removes every synonym of a datasource (when the datasource itself is removed). */
    async deleteAll(workspaceId: string, datasource: string): Promise<number> {
      const result = await db.query('DELETE FROM datasource_synonyms WHERE workspace_id = $1 AND datasource = $2', [workspaceId, datasource]);
      return result.affectedRows;
    },
  };
}
export type SynonymsRepository = ReturnType<typeof createSynonymsRepository>;
