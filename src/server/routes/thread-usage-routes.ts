import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';
import { tablesInSql } from './tables-in-sql.js';

const IdParams = z.object({ id: z.string().min(1) });

/** What a thread cost (tokens by agent and model) and which data it read. */
export function registerThreadUsageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const requireThread = async (workspaceId: string, id: string) => {
    if (!(await deps.store.threads.get(workspaceId, id))) throw new AppError('NOT_FOUND', `No thread ${id}.`);
  };

  app.get('/api/threads/:id/tokens', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    await requireThread(request.auth.workspaceId, id);
    const byModel = await deps.store.runEvents.usageByThread(request.auth.workspaceId, id);
    const total = byModel.reduce(
      (sum, row) => ({
        inputTokens: sum.inputTokens + row.inputTokens,
        outputTokens: sum.outputTokens + row.outputTokens,
        costUsd: sum.costUsd + row.costUsd,
        calls: sum.calls + row.calls,
      }),
      { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 },
    );
    return { threadId: id, total, byModel };
  });

  app.get('/api/threads/:id/databases', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const workspaceId = request.auth.workspaceId;
    await requireThread(workspaceId, id);
    const runs = await deps.store.runs.listByThread(workspaceId, id);
    const attempts = await deps.store.runEvents.listByThread(workspaceId, id, 'sql-attempt');
    const datasourceOfRun = new Map(runs.map((run) => [run.id, run.datasource]));
    const used = new Map<string, { tables: Set<string>; runs: Set<string> }>();
    for (const run of runs) {
      const entry = used.get(run.datasource) ?? { tables: new Set(), runs: new Set() };
      entry.runs.add(run.id);
      used.set(run.datasource, entry);
    }
    for (const attempt of attempts) {
      if (attempt.type !== 'sql-attempt' || attempt.status !== 'ok') continue;
      const entry = used.get(datasourceOfRun.get(attempt.runId) ?? '');
      for (const table of tablesInSql(attempt.sql)) entry?.tables.add(table);
    }
    return {
      threadId: id,
      datasources: [...used].map(([key, entry]) => ({
        // Registered datasources run under `<name>@<workspace>`; people know them by name.
        name: key.split('@')[0],
        tables: [...entry.tables].sort(),
        runs: entry.runs.size,
      })),
    };
  });
}
