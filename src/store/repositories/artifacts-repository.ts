import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export interface Artifact<T = unknown> {
  id: string;
  workspaceId: string | null;
  runId: string | null;
  kind: string;
  key: string;
  content: T;
  createdAt: string;
}

interface ArtifactRow { id: string; workspace_id: string | null; run_id: string | null; kind: string; key: string; content: unknown; created_at: Date }

const toArtifact = <T>(row: ArtifactRow): Artifact<T> => ({
  id: row.id,
  workspaceId: row.workspace_id,
  runId: row.run_id,
  kind: row.kind,
  key: row.key,
  content: row.content as T,
  createdAt: toIso(row.created_at),
});

/** Things a run or a profile produced (Data DNA, charts, code), as JSON. */
export function createArtifactsRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async save<T>(input: { workspaceId: string | null; runId?: string | null; kind: string; key?: string; content: T }): Promise<Artifact<T>> {
      const { rows } = await db.query<ArtifactRow>(
        'INSERT INTO artifacts (id, workspace_id, run_id, kind, key, content, created_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING *',
        [ids('art'), input.workspaceId, input.runId ?? null, input.kind, input.key ?? '', input.content as Record<string, unknown>, clock.now()],
      );
      return toArtifact<T>(rows[0]);
    },
    /** The newest artifact of a kind and key in a workspace (e.g. the DNA of a datasource). */
    async latest<T>(workspaceId: string, kind: string, key: string): Promise<Artifact<T> | undefined> {
      const { rows } = await db.query<ArtifactRow>(
        'SELECT * FROM artifacts WHERE workspace_id = $1 AND kind = $2 AND key = $3 ORDER BY created_at DESC, seq DESC LIMIT 1',
        [workspaceId, kind, key],
      );
      return rows[0] && toArtifact<T>(rows[0]);
    },
    async listByRun(workspaceId: string, runId: string): Promise<Artifact[]> {
      const { rows } = await db.query<ArtifactRow>('SELECT * FROM artifacts WHERE workspace_id = $1 AND run_id = $2 ORDER BY created_at, seq', [
        workspaceId,
        runId,
      ]);
      return rows.map((row) => toArtifact(row));
    },
  };
}
export type ArtifactsRepository = ReturnType<typeof createArtifactsRepository>;
