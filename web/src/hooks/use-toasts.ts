import { useCallback, useRef, useState } from 'react';
import type { ToastMessage } from '../state/toast-for-event.js';

const TOAST_MS = 4000;
const MAX_TOASTS = 4;

/** A short-lived queue of toasts; each disappears on its own after a few seconds. */
export function useToasts(): { toasts: ToastMessage[]; show: (toast: ToastMessage) => void; dismiss: (id: string) => void } {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: string) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);
  const show = useCallback(
    (toast: ToastMessage) => {
      setToasts((current) => [...current.filter((existing) => existing.id !== toast.id), toast].slice(-MAX_TOASTS));
      timers.current.set(toast.id, setTimeout(() => dismiss(toast.id), TOAST_MS));
    },
    [dismiss],
  );
  return { toasts, show, dismiss };
}
