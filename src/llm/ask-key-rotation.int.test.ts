import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeAnalystScript } from '../../test/support/fake-analyst-script.js';
import type { FakeServer } from '../../test/support/fake-llm-script.js';
import { startFakeOpenAIServer } from '../../test/support/fake-openai-server.js';
import { sampleDataDir } from '../../test/business/sample-data-dir.js';
import { runCli } from '../cli/main.js';
import { ensureSampleDatabase } from '../data/samples/generate-sample-database.js';
import type { RunEventPayload } from '../core/events.js';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const KEYS = Array.from({ length: 12 }, (_, index) => `k${index + 1}`).join(',');

/** `BYTEZ_API_KEYS=k1,…,k12 insightx ask "…" --provider bytez --base-url … --no-fast-path --json`, in-process. */
async function ask(server: FakeServer): Promise<{ code: number; json: { events: RunEventPayload[]; status: string; error: { code: string; message: string } | null } }> {
  let stdout = '';
  const code = await runCli(['ask', 'How many payments failed?', '--provider', 'bytez', '--base-url', server.url, '--no-fast-path', '--json'], {
    cwd: sampleDataDir(),
    env: { INSIGHTX_DATA_DIR: sampleDataDir(), BYTEZ_API_KEYS: KEYS },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true, isTTY: false } as never,
  });
  return { code, json: JSON.parse(stdout) };
}

describe('insightx ask on bytez with 12 keys', () => {
  let server: FakeServer | undefined;
  // The first use on a machine generates the sample database; that belongs in the hook's time.
  beforeAll(() => ensureSampleDatabase(sampleDataDir()));
  afterEach(async () => server?.close());

  it('rotates past the 11 keys that answer 429 and the run completes', async () => {
    server = await startFakeOpenAIServer({
      script: createFakeAnalystScript({ sql: () => "SELECT COUNT(*) FROM payments WHERE status = 'failed'" }),
      keyFailures: (key) => (Number(key?.slice(1)) <= 11 ? 'rate-limit' : undefined),
      retryAfterSeconds: 0,
    });
    const { code, json } = await ask(server);
    expect(json.events.filter((event) => event.type === 'key-rotated')).toHaveLength(11);
    expect(json.status).toBe('completed');
    expect(code).toBe(0);
  });

  it('ends with LLM_ALL_KEYS_EXHAUSTED when all 12 keys fail', async () => {
    server = await startFakeOpenAIServer({ keyFailures: () => 'rate-limit', retryAfterSeconds: 0 });
    const { code, json } = await ask(server);
    expect(json.error?.code).toBe('LLM_ALL_KEYS_EXHAUSTED');
    expect(json.error?.message).toContain('key 12: rate-limited');
    expect(json.events.at(-1)).toMatchObject({ type: 'run-end', status: 'failed' });
    expect(code).toBe(1);
  });
});
