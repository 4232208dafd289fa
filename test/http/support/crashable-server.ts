// A server process for the crash test: the store is PGlite on disk (argv[2]); runs are the
// scripted ones, slowed down (one event per 300 ms) so a run is still going when the test
// kills the process. At start it recovers interrupted runs, as src/server/main.ts does.
// Prints `LISTENING <url> <recovered run ids>`.
import { buildTestApp } from '../../../src/server/testing/build-test-app.js';
import { openStore } from '../../../src/store/open-store.js';

const store = await openStore({ dataDir: process.argv[2] });
const server = await buildTestApp({ store, stepMs: 300 });
const recovered = await server.runs.recoverInterrupted();
const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
console.log(`LISTENING ${url} ${recovered.join(',')}`);
