import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export interface Template {
  id: string;
  title: string;
  prompt: string;
  generatedSql: string | null;
  uiCode: string | null;
  parameters: Record<string, unknown>;
  dataSource: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateInput {
  title?: string;
  prompt: string;
  generatedSql?: string | null;
  uiCode?: string | null;
  parameters?: Record<string, unknown>;
  dataSource?: string | null;
}

interface TemplateRow {
  id: string;
  title: string;
  prompt: string;
  generated_sql: string | null;
  ui_code: string | null;
  parameters: Record<string, unknown>;
  data_source: string | null;
  created_at: Date;
  updated_at: Date;
}

const toTemplate = (row: TemplateRow): Template => ({
  id: row.id,
  title: row.title,
  prompt: row.prompt,
  generatedSql: row.generated_sql,
  uiCode: row.ui_code,
  parameters: row.parameters ?? {},
  dataSource: row.data_source,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/** Saved questions with their SQL, chart code and parameters. */
export function createTemplatesRepository({ db, ids, clock }: RepositoryContext) {
  return {
    async create(workspaceId: string, input: TemplateInput): Promise<Template> {
      const now = clock.now();
      const { rows } = await db.query<TemplateRow>(
        `INSERT INTO templates (id, workspace_id, title, prompt, generated_sql, ui_code, parameters, data_source, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $9) RETURNING *`,
        [ids('tpl'), workspaceId, input.title ?? '', input.prompt, input.generatedSql ?? null, input.uiCode ?? null, input.parameters ?? {}, input.dataSource ?? null, now],
      );
      return toTemplate(rows[0]);
    },
    async get(workspaceId: string, id: string): Promise<Template | undefined> {
      const { rows } = await db.query<TemplateRow>('SELECT * FROM templates WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
      return rows[0] && toTemplate(rows[0]);
    },
    async list(workspaceId: string): Promise<Template[]> {
      const { rows } = await db.query<TemplateRow>('SELECT * FROM templates WHERE workspace_id = $1 ORDER BY updated_at DESC, id DESC', [workspaceId]);
      return rows.map(toTemplate);
    },
    /** Changes the given fields only. */
    async update(workspaceId: string, id: string, changes: Partial<TemplateInput>): Promise<Template | undefined> {
      const current = await this.get(workspaceId, id);
      if (!current) return undefined;
      const next = { ...current, ...stripUndefined(changes) };
      const { rows } = await db.query<TemplateRow>(
        `UPDATE templates SET title = $3, prompt = $4, generated_sql = $5, ui_code = $6, parameters = $7::jsonb, data_source = $8, updated_at = $9
         WHERE workspace_id = $1 AND id = $2 RETURNING *`,
        [workspaceId, id, next.title, next.prompt, next.generatedSql, next.uiCode, next.parameters, next.dataSource, clock.now()],
      );
      return rows[0] && toTemplate(rows[0]);
    },
    async delete(workspaceId: string, id: string): Promise<boolean> {
      const result = await db.query('DELETE FROM templates WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
      return result.affectedRows > 0;
    },
  };
}
export type TemplatesRepository = ReturnType<typeof createTemplatesRepository>;

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
