import type { ToastMessage } from '../state/toast-for-event.js';

const TONES: Record<ToastMessage['tone'], string> = {
  info: 'border-indigo-300 bg-white dark:border-indigo-700 dark:bg-slate-900',
  success: 'border-emerald-300 bg-white dark:border-emerald-700 dark:bg-slate-900',
  warning: 'border-amber-400 bg-amber-50 dark:border-amber-600 dark:bg-amber-950',
  error: 'border-red-400 bg-red-50 dark:border-red-700 dark:bg-red-950',
};

/** Live feedback in the bottom-right corner, announced politely to screen readers. */
export function ToastRegion({ toasts, onDismiss }: { toasts: ToastMessage[]; onDismiss: (id: string) => void }) {
  return (
    <div role="status" aria-live="polite" aria-label="Notifications" className="pointer-events-none fixed bottom-24 right-4 z-50 flex max-w-[min(24rem,calc(100vw-2rem))] flex-col items-end gap-2">
      {toasts.map((toast) => (
        <div key={toast.id} data-testid="toast" className={`pointer-events-auto flex items-start gap-2 rounded-md border px-3 py-2 text-sm shadow-md ${TONES[toast.tone]}`}>
          <span className="flex-1">{toast.text}</span>
          <button type="button" onClick={() => onDismiss(toast.id)} aria-label="Dismiss notification" className="rounded px-1 text-slate-500 hover:text-slate-900 dark:hover:text-white">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
