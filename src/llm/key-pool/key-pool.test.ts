import { describe, expect, it } from 'vitest';
import { KeyPool } from './key-pool.js';
import { maskKey } from './mask-key.js';

function poolWithClock(keys = ['sk-aaaa1111', 'sk-bbbb2222', 'sk-cccc3333']) {
  let now = 1_000_000;
  const pool = new KeyPool({ provider: 'openai', keys, now: () => now, defaultCooldownMs: 60_000 });
  return { pool, advance: (ms: number) => (now += ms) };
}

describe('key pool', () => {
  it('tries every key, the current one first', () => {
    const { pool } = poolWithClock();
    expect(pool.candidates()).toEqual([1, 2, 3]);
    pool.markSuccess(2);
    expect(pool.candidates()).toEqual([2, 3, 1]);
  });

  it('rests a refused key for the retry-after time, then offers it again', () => {
    const { pool, advance } = poolWithClock();
    pool.markFailure(1, { reason: 'rate-limited', message: 'slow down', status: 429, retryAfterMs: 5_000 });
    expect(pool.candidates()).toEqual([2, 3]);
    advance(5_000);
    expect(pool.candidates()).toEqual([1, 2, 3]);
  });

  it('rests a key without retry-after for the default time, and a refused key for much longer', () => {
    const { pool, advance } = poolWithClock();
    pool.markFailure(1, { reason: 'rate-limited', message: 'slow down', status: 429 });
    pool.markFailure(2, { reason: 'unauthorized', message: 'bad key', status: 401 });
    advance(60_000);
    expect(pool.candidates()).toEqual([1, 3]);
  });

  it('keeps usage and health per key, masked', () => {
    const { pool } = poolWithClock();
    pool.markSuccess(3);
    pool.recordUsage(3, { inputTokens: 120, outputTokens: 30 });
    pool.markFailure(1, { reason: 'quota-exhausted', message: 'You exceeded your current quota', status: 429 });
    const [first, , third] = pool.status();
    expect(third).toMatchObject({ number: 3, masked: 'sk-…3333', calls: 1, inputTokens: 120, outputTokens: 30, lastError: null });
    expect(first).toMatchObject({ failures: 1, lastError: { reason: 'quota-exhausted', status: 429 } });
    expect(JSON.stringify(pool.status())).not.toContain('sk-aaaa1111');
  });

  it('takes back saved state by fingerprint, whatever the key position', () => {
    const { pool } = poolWithClock();
    pool.markSuccess(2);
    const saved = pool.status();
    const moved = new KeyPool({ provider: 'openai', keys: ['sk-bbbb2222', 'sk-new-9999'] });
    moved.restore(saved);
    expect(moved.status().map((status) => status.calls)).toEqual([1, 0]);
  });
});

describe('masking a key', () => {
  it('keeps a short prefix and the last four characters', () => {
    expect(maskKey('sk-proj-abcdefghijklmnopa1b2')).toBe('sk-…a1b2');
    expect(maskKey('bytezkey0123456789')).toBe('…6789');
    expect(maskKey('short')).toBe('…');
  });
});
