import type { RepositoryContext } from './repository-context.js';
import { toIso } from './repository-context.js';

export interface AuditEntry {
  actor: string;
  action: string;
  detail: Record<string, unknown>;
  at: string;
}

/** Who did what directly (the SQL tool over HTTP), kept beside the runs' own events. */
export function createAuditLogRepository({ db, clock }: RepositoryContext) {
  return {
    async record(workspaceId: string, entry: { actor: string; action: string; detail: Record<string, unknown> }): Promise<void> {
      await db.query('INSERT INTO audit_log (workspace_id, actor, action, detail, at) VALUES ($1, $2, $3, $4::jsonb, $5)', [
        workspaceId,
        entry.actor,
        entry.action,
        entry.detail,
        clock.now(),
      ]);
    },
    async list(workspaceId: string, limit = 100): Promise<AuditEntry[]> {
      const { rows } = await db.query<{ actor: string; action: string; detail: Record<string, unknown>; at: Date }>(
        'SELECT actor, action, detail, at FROM audit_log WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2',
        [workspaceId, limit],
      );
      return rows.map((row) => ({ actor: row.actor, action: row.action, detail: row.detail, at: toIso(row.at) }));
    },
  };
}
export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;
