import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../core/events.js';
import { createBatchedEventAppender } from './batched-event-appender.js';

const event = (runId: string, seq: number) => ({ type: 'text-delta', delta: 'x', runId, seq, at: '2026-01-01T00:00:00.000Z' }) as RunEvent;

describe('batched event appender', () => {
  it('writes the events of runs that wait together in one call, in order', async () => {
    const writes: string[][] = [];
    const append = createBatchedEventAppender(async (events) => {
      writes.push(events.map((stored) => `${stored.runId}:${stored.seq}`));
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    await Promise.all([append([event('a', 0)]), append([event('b', 0)]), append([event('c', 0), event('c', 1)])]);
    expect(writes).toEqual([['a:0'], ['b:0', 'c:0', 'c:1']]);
  });

  it('fails only the caller whose events the store refuses', async () => {
    const append = createBatchedEventAppender(async (events) => {
      if (events.some((stored) => stored.runId === 'bad')) throw new Error('duplicate seq');
    });
    const first = append([event('ok', 0)]);
    const results = await Promise.allSettled([first, append([event('bad', 0)]), append([event('fine', 0)])]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
