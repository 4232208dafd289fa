import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { DataDna } from '../../core/dna.js';
import { describeSynonymTarget, SynonymInput } from '../../core/synonym.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';

const DatasourceParams = z.object({ id: z.string().min(1) });
const SynonymParams = z.object({ id: z.string().min(1), synonymId: z.string().min(1) });

/**
 * A datasource's synonyms (the person's corrections): list, save, remove. `:id` is the datasource
 * name. Saved synonyms are merged into the DNA of every later run, so the word reads with no question.
 */
export function registerSynonymRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/datasources/:id/synonyms', async (request) => {
    const { id } = parseInput(DatasourceParams, request.params, 'path');
    await deps.datasources.runKey(request.auth.workspaceId, id);
    return { synonyms: await deps.store.synonyms.list(request.auth.workspaceId, id) };
  });

  app.post('/api/datasources/:id/synonyms', async (request, reply) => {
    const { id } = parseInput(DatasourceParams, request.params, 'path');
    const input = parseInput(SynonymInput, request.body);
    const dna = await deps.datasources.dna(request.auth.workspaceId, id);
    const target = checkTarget(dna, input);
    const synonym = await deps.store.synonyms.save(request.auth.workspaceId, id, { ...input, ...target });
    return reply.status(201).send({ synonym, meaning: `"${synonym.word}" means ${describeSynonymTarget(synonym)}` });
  });

  app.delete('/api/datasources/:id/synonyms/:synonymId', async (request, reply) => {
    const { id, synonymId } = parseInput(SynonymParams, request.params, 'path');
    if (!(await deps.store.synonyms.delete(request.auth.workspaceId, id, synonymId))) {
      throw new AppError('NOT_FOUND', `No synonym ${synonymId} of datasource "${id}"; GET /api/datasources/${id}/synonyms lists them.`, { details: { synonymId } });
    }
    return reply.status(204).send();
  });
}

/** The table and column must exist in the datasource; their names are stored as the DNA spells them. */
function checkTarget(dna: DataDna, input: SynonymInput): { table: string; column?: string } {
  const table = dna.tables.find((candidate) => candidate.name.toLowerCase() === input.table.toLowerCase());
  if (!table) {
    throw new AppError('INPUT_INVALID', `The datasource has no table "${input.table}"; its tables are ${dna.tables.map((t) => t.name).join(', ')}.`, { details: { fields: ['table'] } });
  }
  if (input.column === undefined) return { table: table.name };
  const column = table.columns.find((candidate) => candidate.name.toLowerCase() === input.column?.toLowerCase());
  if (!column) {
    throw new AppError('INPUT_INVALID', `Table "${table.name}" has no column "${input.column}"; its columns are ${table.columns.map((c) => c.name).join(', ')}.`, { details: { fields: ['column'] } });
  }
  return { table: table.name, column: column.name };
}
