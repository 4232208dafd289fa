import { describe, expect, it } from 'vitest';
import { describeStoreConformance } from './store-conformance.js';
import { openStore } from './open-store.js';
import { openTestStore } from './testing/open-test-store.js';

describeStoreConformance('PGlite (embedded)', () => openStore(), (store) => store.close());
// The same suite on a store started from the migrated template dump (what the server tests use).
describeStoreConformance('PGlite (from template)', () => openTestStore(), (store) => store.close());

describe('PGlite knowledge search', () => {
  it('uses pgvector, which PGlite ships as an extension', async () => {
    const store = await openTestStore();
    try {
      expect(await store.kbDocuments.vectorBackend()).toBe('pgvector');
    } finally {
      await store.close();
    }
  });
});
