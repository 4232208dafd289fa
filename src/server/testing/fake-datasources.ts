import { AppError } from '../../core/app-error.js';
import type { DatasourceConfig } from '../../core/config.js';
import type { DataDna } from '../../core/dna.js';
import type { Connector } from '../../data/connector.js';

/** A connector answering every query with one small table, for server tests. */
export function createFakeConnector(name: string): Connector {
  return {
    name,
    dialect: 'duckdb',
    listTables: async () => ['payments'],
    describe: async () => [{ name: 'payments', columns: [{ name: 'status', type: 'VARCHAR', nullable: false, primaryKey: false }], foreignKeys: [] }],
    async query(sql, options = {}) {
      if (sql.includes('no_such_table')) throw new AppError('CONNECTOR_QUERY_FAILED', 'Table with name no_such_table does not exist!', { details: { sql } });
      const rows = [['failed', 42], ['succeeded', 958], ['refunded', 7]].slice(0, options.limit ?? 3);
      return { columns: [{ name: 'status', type: 'VARCHAR' }, { name: 'payments', type: 'BIGINT' }], rows, rowCount: rows.length, truncated: rows.length < 3, elapsedMs: 1 };
    },
    explain: async () => 'PLAN',
    close: async () => undefined,
  };
}

/** Opens fake connectors; a path containing "missing" fails like an unreadable file. */
export async function openFakeDatasource(config: DatasourceConfig): Promise<Connector> {
  if ('path' in config && config.path.includes('missing')) {
    throw new AppError('DATASOURCE_UNREADABLE', `Cannot open ${config.path}.`);
  }
  return createFakeConnector(config.name);
}

export async function profileFakeDatasource(connector: Connector): Promise<DataDna> {
  return { datasource: connector.name, dialect: 'duckdb', generatedAt: '2026-01-01T00:00:00.000Z', fingerprint: 'fake', tables: [] };
}

/** The guard stand-in: only SELECT/WITH (the real guard is the data layer's parser-based one). */
export async function fakeAssertReadOnly(_connector: Connector, sql: string): Promise<void> {
  if (!/^\s*(select|with)\b/i.test(sql)) throw new AppError('SQL_NOT_READ_ONLY', 'Only SELECT or WITH queries may run.');
}
