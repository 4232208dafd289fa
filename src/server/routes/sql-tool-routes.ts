import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { toAppError } from '../../core/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';

/** Rows answered inline; the full result is at `url`. */
const PREVIEW_ROWS = 1_000;

const RunSql = z.object({
  sql: z.string().trim().min(1, 'give the SQL to run').max(100_000),
  datasource: z.string().min(1).optional(),
  limit: z.number().int().positive().optional(),
});

/**
 * `POST /api/tools/sql`: read-only SQL run directly, through the same guard, row cap and
 * statement timeout as the agents' `run_sql`; every call (ok or refused) goes to the audit log.
 */
export function registerSqlToolRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post('/api/tools/sql', async (request, reply) => {
    const body = parseInput(RunSql, request.body);
    const { workspaceId, actor } = request.auth;
    const datasource = body.datasource ?? deps.datasources.defaultName;
    const limit = Math.min(body.limit ?? deps.sqlTool.limits.rowCap, deps.sqlTool.limits.rowCap);
    const audit = (detail: Record<string, unknown>) =>
      deps.store.auditLog.record(workspaceId, { actor, action: 'sql.run', detail: { sql: body.sql, datasource, ...detail } });
    try {
      const connector = await deps.datasources.connector(workspaceId, datasource);
      await deps.sqlTool.assertReadOnly(connector, body.sql);
      const result = await connector.query(body.sql, { limit, maxBytes: deps.sqlTool.limits.resultMaxBytes, timeoutMs: deps.sqlTool.limits.statementTimeoutMs });
      const stored = await deps.store.results.save({ ...result, id: deps.ids('res'), sql: body.sql, datasource }, { workspaceId });
      await audit({ ok: true, resultId: stored.id, rowCount: stored.rowCount });
      return reply.status(200).send({
        resultId: stored.id,
        url: `/api/data/${stored.id}`,
        columns: stored.columns,
        rowCount: stored.rowCount,
        truncated: stored.truncated,
        ...(stored.truncatedReason ? { truncatedReason: stored.truncatedReason } : {}),
        elapsedMs: stored.elapsedMs,
        rows: stored.rows.slice(0, PREVIEW_ROWS),
      });
    } catch (error) {
      await audit({ ok: false, code: toAppError(error).code }).catch(() => undefined);
      throw error;
    }
  });
}
