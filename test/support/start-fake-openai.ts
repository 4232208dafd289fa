/**
 * Starts the fake OpenAI-compatible server by hand, for checking key rotation through the CLI:
 *
 *   node bin/run-ts.js test/support/start-fake-openai.ts --fail-keys 11 [--port 4010] [--failure rate-limit]
 *   BYTEZ_API_KEYS=k1,k2,k3,k4,k5,k6,k7,k8,k9,k10,k11,k12 npx insightx ask "How many payments failed?" \
 *     --provider bytez --base-url http://127.0.0.1:4010/v1 --no-fast-path --json
 *
 * `--fail-keys N` refuses the first N keys of `k1..k12`-style lists (any key ending in a number
 * ≤ N, or the N first distinct keys seen); `--fail-keys all` refuses every key. The model
 * behind the working keys plays InsightX's agents (test/support/fake-analyst-script.ts): the
 * SQL agent reads the Data DNA and runs the SQL the embedded analyst would write for the
 * question. Refusals carry `retry-after: 1` (`--retry-after S` changes it), so a key rests one
 * second and the check can be run again right away. Stop the server with Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { parseQuestion } from '../../src/analyst/index.js';
import { DataDna } from '../../src/core/dna.js';
import { createFakeAnalystScript } from './fake-analyst-script.js';
import type { FakeKeyFailure, FakeModelRequest } from './fake-llm-script.js';
import { startFakeOpenAIServer } from './fake-openai-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'fail-keys': { type: 'string', default: '0' },
    failure: { type: 'string', default: 'rate-limit' },
    'retry-after': { type: 'string', default: '1' },
  },
});

const failAll = values['fail-keys'] === 'all';
const failCount = failAll ? Number.POSITIVE_INFINITY : Number(values['fail-keys']);
const failure = values.failure as FakeKeyFailure;
const seen: string[] = [];

function keyFailure(key: string | undefined): FakeKeyFailure | undefined {
  if (failAll) return failure;
  if (!key) return undefined;
  if (!seen.includes(key)) seen.push(key);
  const numbered = /(\d+)$/.exec(key);
  const position = numbered ? Number(numbered[1]) : seen.indexOf(key) + 1;
  return position <= failCount ? failure : undefined;
}

/** The SQL the embedded analyst writes for the question, on the DNA the SQL agent just read. */
function sqlFor(question: string, request: FakeModelRequest): string {
  for (const message of [...request.messages].reverse()) {
    if (message.role !== 'tool') continue;
    try {
      const dna = DataDna.safeParse(JSON.parse(message.text));
      if (!dna.success) continue;
      const best = parseQuestion(question, { dna: dna.data })[0];
      if (best?.kind === 'sql') return best.sql;
      return `SELECT COUNT(*) AS row_count FROM "${dna.data.tables[0]?.name ?? 'payments'}"`;
    } catch {
      // not the DNA: look further back
    }
  }
  return 'SELECT 1 AS answer';
}

const server = await startFakeOpenAIServer({
  keyFailures: keyFailure,
  retryAfterSeconds: Number(values['retry-after']),
  script: createFakeAnalystScript({ sql: sqlFor }),
  ...(values.port ? { port: Number(values.port) } : {}),
});
console.log(`fake OpenAI server: ${server.url}  (refusing ${failAll ? 'every key' : `the first ${failCount} keys`} with ${failure})`);
process.on('SIGINT', () => {
  console.log(`\n${server.requests.length} requests served`);
  void server.close().then(() => process.exit(0));
});
