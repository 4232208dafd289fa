import { describeStoreConformance } from './store-conformance.js';
import { openStore } from './open-store.js';
import { openTestStore } from './testing/open-test-store.js';

describeStoreConformance('PGlite (embedded)', () => openStore(), (store) => store.close());
// The same suite on a store started from the migrated template dump (what the server tests use).
describeStoreConformance('PGlite (from template)', () => openTestStore(), (store) => store.close());
