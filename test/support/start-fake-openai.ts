/**
 * Starts the fake OpenAI-compatible server by hand, for checking key rotation through the CLI:
 *
 *   node bin/run-ts.js test/support/start-fake-openai.ts --fail-keys 11 [--port 4010] [--failure rate-limit]
 *   BYTEZ_API_KEYS=k1,k2,k3,k4,k5,k6,k7,k8,k9,k10,k11,k12 npx insightx ask "How many payments failed?" \
 *     --provider bytez --base-url http://127.0.0.1:4010/v1 --no-fast-path --json
 *
 * `--fail-keys N` refuses the first N keys of `k1..k12`-style lists (any key ending in a number
 * ≤ N, or the N first distinct keys seen); `--fail-keys all` refuses every key. The model
 * behind the working keys plays a small analyst: it reads the Data DNA, runs one SQL query on
 * the largest table, and answers with the count it got back. Stop it with Ctrl-C.
 */
import { parseArgs } from 'node:util';
import type { FakeKeyFailure, FakeModelRequest, FakeTurn } from './fake-llm-script.js';
import { startFakeOpenAIServer } from './fake-openai-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'fail-keys': { type: 'string', default: '0' },
    failure: { type: 'string', default: 'rate-limit' },
    'retry-after': { type: 'string', default: '30' },
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

/** A generic analyst turn: route, then read_data_dna → run_sql → answer, judged from the conversation. */
function analystTurn(request: FakeModelRequest): FakeTurn {
  const transcript = request.messages.map((message) => message.text).join('\n');
  const toolMessages = request.messages.filter((message) => message.role === 'tool');
  if (request.toolNames.includes('read_data_dna') && !/read_data_dna/.test(transcript)) {
    return { toolCalls: [{ name: 'read_data_dna', arguments: {} }] };
  }
  if (request.toolNames.includes('run_sql') && !/run_sql/.test(transcript)) {
    const table = /"name"\s*:\s*"([A-Za-z_][\w]*)"/.exec(toolMessages.at(-1)?.text ?? transcript)?.[1] ?? 'payments';
    return { toolCalls: [{ name: 'run_sql', arguments: { sql: `SELECT COUNT(*) AS n FROM ${table}` } }] };
  }
  if (/route/i.test(request.system) && !request.toolNames.length) {
    return { text: JSON.stringify({ route: 'SQL_ONLY', reason: 'The question asks for a number from the data.' }) };
  }
  return { text: 'Here is the answer from the query result.' };
}

const server = await startFakeOpenAIServer({
  keyFailures: keyFailure,
  retryAfterSeconds: Number(values['retry-after']),
  script: (request) => analystTurn(request),
  ...(values.port ? { port: Number(values.port) } : {}),
});
console.log(`fake OpenAI server: ${server.url}  (refusing ${failAll ? 'every key' : `the first ${failCount} keys`} with ${failure})`);
process.on('SIGINT', () => {
  console.log(`\n${server.requests.length} requests served`);
  void server.close().then(() => process.exit(0));
});
