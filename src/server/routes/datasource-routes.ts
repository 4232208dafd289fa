import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DatasourceConfig } from '../../core/config.js';
import { applySynonyms } from '../../data/dna/index.js';
import type { AppDeps } from '../app-deps.js';
import { parseInput } from '../http/parse-body.js';

const IdParams = z.object({ id: z.string().min(1) });
const DnaQuery = z.object({ refresh: z.enum(['true', 'false', '1', '0']).optional() });
const RegisterDatasource = DatasourceConfig.refine((config) => config.kind !== 'sample', 'the sample datasource is built in');

/** Datasources: list, register (a file or a connection), test a connection, remove, Data DNA. `:id` is the datasource name. */
export function registerDatasourceRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/datasources', async (request) => ({
    default: deps.datasources.defaultName,
    datasources: await deps.datasources.list(request.auth.workspaceId),
  }));

  app.post('/api/datasources', async (request, reply) => {
    const config = parseInput(RegisterDatasource, request.body);
    return reply.status(201).send(await deps.datasources.register(request.auth.workspaceId, config));
  });

  app.delete('/api/datasources/:id', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    await deps.datasources.remove(request.auth.workspaceId, id);
    return reply.status(204).send();
  });

  // A connection test before registering: the same checks as POST /api/datasources, nothing saved.
  app.post('/api/datasources/test', async (request) => {
    const config = parseInput(RegisterDatasource, request.body);
    return deps.datasources.test(request.auth.workspaceId, config);
  });

  // A connection test of a registered datasource: it opens, its tables are listed, and the account's warnings (e.g. that it can write) are given.
  app.post('/api/datasources/:id/test', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const connector = await deps.datasources.connector(request.auth.workspaceId, id);
    const tables = (await connector.listTables()).length;
    const warnings = (await connector.accountWarnings?.()) ?? [];
    return { name: id, ok: true, tables, warnings };
  });

  app.get('/api/datasources/:id/dna', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { refresh } = parseInput(DnaQuery, request.query, 'query');
    const dna = await deps.datasources.dna(request.auth.workspaceId, id, { refresh: refresh === 'true' || refresh === '1' });
    // The DNA as the analyst reads it: with the workspace's saved synonyms, which are listed too.
    const synonyms = await deps.store.synonyms.list(request.auth.workspaceId, id);
    const merged = applySynonyms(dna, synonyms);
    // Synonyms whose table or column the datasource no longer has are listed with the reason.
    return { ...merged.dna, savedSynonyms: synonyms, staleSynonyms: merged.stale.map(({ synonym, reason }) => ({ id: synonym.id, word: synonym.word, reason })) };
  });
}
