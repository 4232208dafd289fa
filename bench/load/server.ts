// The server under load: `startServer` (the real composition root: PGlite store, sample data,
// embedded analyst) on loopback, in its own process so client and server do not share a
// thread. Prints `LISTENING <url>` and stops on SIGTERM/SIGINT; SIGUSR2 runs a full GC. Data dir: argv[2]; a PostgreSQL
// store instead of PGlite: argv[3] (URL) and argv[4] (schema).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../src/core/load-config.js';
import { startServer } from '../../src/server/main.js';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: node bin/run-ts.js bench/load/server.ts <data-dir>');
  process.exit(2);
}
const [databaseUrl, schema] = process.argv.slice(3);
const config = loadConfig({ cwd: process.cwd(), env: {}, overrides: { dataDir, store: databaseUrl ? { databaseUrl, schema } : undefined } });
const server = await startServer({ config, host: '127.0.0.1', port: 0, logRequests: false, print: (line) => console.error(line), shutdownGraceMs: 2_000 });
console.log(`LISTENING ${server.url}`);
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
// Started with --expose-gc by the benchmarks: SIGUSR2 prints the event loop delay since the last
// SIGUSR2 and collects garbage, so the RSS read after the load is what the server keeps.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  console.log(`LOOP-DELAY p50 ${Math.round(loopDelay.percentile(50) / 1e6)} p99 ${Math.round(loopDelay.percentile(99) / 1e6)} max ${Math.round(loopDelay.max / 1e6)} ms`);
  loopDelay.reset();
  console.log('GC-DONE');
});
process.once('SIGINT', stop);
