import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
}

interface WorkspaceRow { id: string; name: string; created_at: Date }

const toWorkspace = (row: WorkspaceRow): Workspace => ({ id: row.id, name: row.name, createdAt: toIso(row.created_at) });

/** Workspaces: every other record belongs to one; tokens are scoped to one. */
export function createWorkspacesRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async get(id: string): Promise<Workspace | undefined> {
      const { rows } = await db.query<WorkspaceRow>('SELECT * FROM workspaces WHERE id = $1', [id]);
      return rows[0] && toWorkspace(rows[0]);
    },
    async getByName(name: string): Promise<Workspace | undefined> {
      const { rows } = await db.query<WorkspaceRow>('SELECT * FROM workspaces WHERE name = $1', [name]);
      return rows[0] && toWorkspace(rows[0]);
    },
    /** The workspace with this name, created when missing (safe under concurrent starts). */
    async ensure(name: string): Promise<Workspace> {
      await db.query('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
        ids('ws'),
        name,
        clock.now(),
      ]);
      const { rows } = await db.query<WorkspaceRow>('SELECT * FROM workspaces WHERE name = $1', [name]);
      return toWorkspace(rows[0]);
    },
    async list(): Promise<Workspace[]> {
      const { rows } = await db.query<WorkspaceRow>('SELECT * FROM workspaces ORDER BY name');
      return rows.map(toWorkspace);
    },
  };
}
export type WorkspacesRepository = ReturnType<typeof createWorkspacesRepository>;
