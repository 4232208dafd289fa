import { describeStoreConformance } from './store-conformance.js';
import { openStore } from './open-store.js';

describeStoreConformance('PGlite (embedded)', () => openStore(), (store) => store.close());
