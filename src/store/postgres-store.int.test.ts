import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { postgresProblem, requireService, TEST_DATABASE_URL } from '../../test/support/services.js';
import { openStore } from './open-store.js';
import { describeStoreConformance } from './store-conformance.js';

const url = TEST_DATABASE_URL;

if (requireService('postgres', await postgresProblem(url), 'The store conformance suite on PostgreSQL')) {
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
} else {
  describe.skip('store conformance: PostgreSQL (skipped on purpose)', () => it('needs a server', () => undefined));
}
