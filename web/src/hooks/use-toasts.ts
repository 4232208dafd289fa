import { useCallback, useEffect, useRef, useState } from 'react';
import type { ToastMessage } from '../state/toast-for-event.js';
import { pushToast } from '../state/toast-queue.js';

const TOAST_MS = 4000;

/** A short-lived queue of toasts (at most three at once); each disappears on its own after a few seconds. */
export function useToasts(): { toasts: ToastMessage[]; show: (toast: ToastMessage) => void; dismiss: (id: string) => void } {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const clearTimer = useCallback((id: string) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);
  const dismiss = useCallback(
    (id: string) => {
      clearTimer(id);
      setToasts((current) => current.filter((toast) => toast.id !== id));
    },
    [clearTimer],
  );
  const show = useCallback(
    (toast: ToastMessage) => {
      setToasts((current) => {
        const next = pushToast(current, toast);
        next.dropped.forEach(clearTimer);
        return next.toasts;
      });
      clearTimer(toast.id);
      timers.current.set(toast.id, setTimeout(() => dismiss(toast.id), TOAST_MS));
    },
    [clearTimer, dismiss],
  );
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);
  return { toasts, show, dismiss };
}
