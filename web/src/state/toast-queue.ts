import type { ToastMessage } from './toast-for-event.js';

/** At most this many toasts show at once: a run emits one per agent and tool, faster than people read. */
export const MAX_VISIBLE_TOASTS = 3;

/**
 * The toasts on screen after `toast` arrives: a toast with the same id is replaced, and the
 * oldest ones go when more than `max` would show. Returns the ids that were dropped, so their
 * dismiss timers can be cleared.
 */
export function pushToast(current: readonly ToastMessage[], toast: ToastMessage, max = MAX_VISIBLE_TOASTS): { toasts: ToastMessage[]; dropped: string[] } {
  const next = [...current.filter((existing) => existing.id !== toast.id), toast];
  const overflow = Math.max(0, next.length - max);
  return { toasts: next.slice(overflow), dropped: next.slice(0, overflow).map((existing) => existing.id) };
}
