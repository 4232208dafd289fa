import { describe, expect, it } from 'vitest';
import type { ToastMessage } from './toast-for-event.js';
import { MAX_VISIBLE_TOASTS, pushToast } from './toast-queue.js';

const toast = (id: string, text = id): ToastMessage => ({ id, tone: 'info', text });

describe('pushToast', () => {
  it('shows at most three toasts, dropping the oldest', () => {
    let toasts: ToastMessage[] = [];
    const dropped: string[] = [];
    for (const id of ['router', 'sql', 'run_sql', 'viz', 'composer']) {
      const next = pushToast(toasts, toast(id));
      toasts = next.toasts;
      dropped.push(...next.dropped);
    }
    expect(MAX_VISIBLE_TOASTS).toBe(3);
    expect(toasts.map((t) => t.id)).toEqual(['run_sql', 'viz', 'composer']);
    expect(dropped).toEqual(['router', 'sql']);
  });

  it('replaces a toast with the same id instead of showing it twice', () => {
    const { toasts } = pushToast([toast('a', 'old'), toast('b')], toast('a', 'new'));
    expect(toasts.map((t) => t.text)).toEqual(['b', 'new']);
  });
});
