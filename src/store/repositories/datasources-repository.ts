import type { DatasourceConfig } from '../../core/config.js';
import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export interface StoredDatasource {
  id: string;
  workspaceId: string;
  name: string;
  kind: DatasourceConfig['kind'];
  config: DatasourceConfig;
  createdAt: string;
}

interface DatasourceRow {
  id: string;
  workspace_id: string;
  name: string;
  kind: DatasourceConfig['kind'];
  config: DatasourceConfig;
  created_at: Date;
}

const COLUMNS = 'id, workspace_id, name, kind, config, created_at';

const toDatasource = (row: DatasourceRow): StoredDatasource => ({
  id: row.id,
  workspaceId: row.workspace_id,
  name: row.name,
  kind: row.kind,
  config: row.config,
  createdAt: toIso(row.created_at),
});

/** Datasources registered in a workspace (beside those in the configuration file), the DNA is cached as an artifact. */
export function createDatasourcesRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async create(workspaceId: string, config: DatasourceConfig): Promise<StoredDatasource> {
      const { rows } = await db.query<DatasourceRow>(
        `INSERT INTO datasources (id, workspace_id, name, kind, config, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         RETURNING ${COLUMNS}`,
        [ids('ds'), workspaceId, config.name, config.kind, config, clock.now()],
      );
      return toDatasource(rows[0]);
    },
    async list(workspaceId: string): Promise<StoredDatasource[]> {
      const { rows } = await db.query<DatasourceRow>(`SELECT ${COLUMNS} FROM datasources WHERE workspace_id = $1 ORDER BY name`, [workspaceId]);
      return rows.map(toDatasource);
    },
    /** Every registered datasource of every workspace (the composition root registers them at start). */
    async listAll(): Promise<StoredDatasource[]> {
      const { rows } = await db.query<DatasourceRow>(`SELECT ${COLUMNS} FROM datasources ORDER BY created_at`);
      return rows.map(toDatasource);
    },
    async getByName(workspaceId: string, name: string): Promise<StoredDatasource | undefined> {
      const { rows } = await db.query<DatasourceRow>(`SELECT ${COLUMNS} FROM datasources WHERE workspace_id = $1 AND name = $2`, [workspaceId, name]);
      return rows[0] && toDatasource(rows[0]);
    },
    async delete(workspaceId: string, name: string): Promise<boolean> {
      const result = await db.query('DELETE FROM datasources WHERE workspace_id = $1 AND name = $2', [workspaceId, name]);
      return result.affectedRows > 0;
    },
  };
}
export type DatasourcesRepository = ReturnType<typeof createDatasourcesRepository>;
