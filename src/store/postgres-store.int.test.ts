import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openStore } from './open-store.js';
import { describeStoreConformance } from './store-conformance.js';

// The PostgreSQL server this machine provides; TEST_DATABASE_URL points elsewhere.
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await reachable();
if (unreachable) {
  console.warn(`store conformance on PostgreSQL skipped: no server at ${url} (${unreachable})`);
  describe.skip('store conformance: PostgreSQL', () => it('needs a server', () => undefined));
} else {
  // A fresh schema per run so parallel runs never collide; dropped afterwards.
  const schema = `insightx_test_${randomBytes(6).toString('hex')}`;
  describeStoreConformance(
    `PostgreSQL (${schema})`,
    () => openStore({ databaseUrl: url, schema }),
    async (store) => {
      await store.db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await store.close();
    },
  );
}
