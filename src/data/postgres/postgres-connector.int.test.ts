import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from '../../../test/support/postgres-database.js';
import { postgresProblem, requireService } from '../../../test/support/services.js';
import { conformanceFixtureStatements, runConnectorConformance } from '../connector-conformance.js';
import { openPostgresConnector, type PostgresConnector } from './postgres-connector.js';

const available = requireService('postgres', await postgresProblem(), 'The PostgreSQL connector tests');
const databases: ScratchPostgresDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((database) => database.drop()));
});

async function scratch(purpose: string, statements: string[]): Promise<ScratchPostgresDatabase> {
  const database = await createScratchPostgresDatabase(purpose);
  databases.push(database);
  await database.run(statements);
  return database;
}

describe.runIf(available)('PostgreSQL', () => {
  runConnectorConformance('PostgreSQL', async () => {
    const database = await scratch('conformance', conformanceFixtureStatements());
    return openPostgresConnector({ name: 'conformance', url: database.url });
  });
});
