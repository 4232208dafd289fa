import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyPools, keyPoolStatePath } from './key-pools.js';

describe('key pools', () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('makes one pool per provider that has keys', () => {
    const pools = createKeyPools({ providers: { bytez: { keys: ['k1', 'k2'] }, ollama: {} } });
    expect([...pools.keys()]).toEqual(['bytez']);
    expect(pools.get('bytez')!.size).toBe(2);
  });

  it('keeps usage between processes in the data directory, without the keys in clear', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'insightx-keys-'));
    directories.push(directory);
    const statePath = keyPoolStatePath(directory);
    const first = createKeyPools({ providers: { bytez: { keys: ['secret-key-0001', 'secret-key-0002'] } } }, { statePath });
    first.get('bytez')!.markSuccess(2);
    first.get('bytez')!.recordUsage(2, { inputTokens: 10, outputTokens: 5 });
    expect(readFileSync(statePath, 'utf8')).not.toContain('secret-key');

    const second = createKeyPools({ providers: { bytez: { keys: ['secret-key-0001', 'secret-key-0002'] } } }, { statePath });
    expect(second.get('bytez')!.status()[1]).toMatchObject({ calls: 1, inputTokens: 10, outputTokens: 5, masked: '…0002' });
  });
});
