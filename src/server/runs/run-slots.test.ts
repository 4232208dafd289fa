import { describe, expect, it } from 'vitest';
import { createRunSlots } from './run-slots.js';

describe('run slots', () => {
  it('runs up to the limit at once and starts the waiting ones in arrival order as slots free', async () => {
    const slots = createRunSlots(2);
    expect([slots.enter('a'), slots.enter('b'), slots.enter('c'), slots.enter('d')]).toEqual([0, 0, 1, 2]);
    const started: string[] = [];
    const never = new AbortController().signal;
    const c = slots.whenRunning('c', never).then(() => started.push('c'));
    const d = slots.whenRunning('d', never).then(() => started.push('d'));
    await slots.whenRunning('a', never);
    expect(started).toEqual([]);
    slots.leave('b');
    await c;
    expect(started).toEqual(['c']);
    expect([slots.active, slots.waiting]).toEqual([2, 1]);
    slots.leave('a');
    await d;
    expect(started).toEqual(['c', 'd']);
  });

  it('takes a cancelled run out of the queue without giving it a slot', async () => {
    const slots = createRunSlots(1);
    slots.enter('running');
    expect(slots.enter('cancelled')).toBe(1);
    expect(slots.enter('next')).toBe(2);
    const controller = new AbortController();
    const waiting = slots.whenRunning('cancelled', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
    slots.leave('cancelled');
    const next = slots.whenRunning('next', new AbortController().signal);
    slots.leave('running');
    await next;
    expect([slots.active, slots.waiting]).toEqual([1, 0]);
  });
});
