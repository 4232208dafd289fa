import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyPools, keyPoolStatePath } from '../../llm/key-pool/key-pools.js';
import { runKeys } from './keys-command.js';

describe('insightx keys', () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  function io(env: Record<string, string>) {
    const cwd = mkdtempSync(path.join(tmpdir(), 'insightx-keys-cli-'));
    directories.push(cwd);
    let stdout = '';
    return { io: { cwd, env, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true } }, output: () => stdout, cwd };
  }

  it('shows every key masked, with the usage and health another process recorded', async () => {
    const env = { BYTEZ_API_KEYS: 'bytez-secret-000000001,bytez-secret-000000002' };
    const { io: cliIo, output, cwd } = io(env);
    const pools = createKeyPools({ providers: { bytez: { keys: env.BYTEZ_API_KEYS.split(',') } } }, { statePath: keyPoolStatePath(path.join(cwd, '.insightx')) });
    const now = Date.now();
    pools.get('bytez')!.markFailure(1, { reason: 'rate-limited', message: 'slow down', status: 429, retryAfterMs: 30_000 });
    pools.get('bytez')!.markSuccess(2);
    pools.get('bytez')!.recordUsage(2, { inputTokens: 1200, outputTokens: 80 });

    expect(await runKeys(cliIo, {}, now)).toBe(0);
    const text = output();
    expect(text).toContain('bytez (2 keys)');
    expect(text).toContain('…0001');
    expect(text).toMatch(/resting \d+ s \(rate-limited\)/);
    expect(text).toContain('1200');
    expect(text).not.toContain('bytez-secret');
  });

  it('prints JSON without the keys or their fingerprints', async () => {
    const { io: cliIo, output } = io({ OPENAI_API_KEY_1: 'sk-aaaaaaaaaaaa1111', OPENAI_API_KEY_2: 'sk-bbbbbbbbbbbb2222' });
    await runKeys(cliIo, { json: true });
    const parsed = JSON.parse(output()) as { providers: Array<{ provider: string; keys: Array<Record<string, unknown>> }> };
    expect(parsed.providers[0].provider).toBe('openai');
    expect(parsed.providers[0].keys.map((key) => key.masked)).toEqual(['sk-…1111', 'sk-…2222']);
    expect(output()).not.toContain('aaaaaaaa');
    expect(output()).not.toContain('fingerprint');
  });
});
