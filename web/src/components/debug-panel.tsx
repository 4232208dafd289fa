import type { SequencedEvent } from '../state/run-reducer.js';

/** The raw events of the selected run, for people debugging the agents. Off by default. */
export function DebugPanel({ events, onClose }: { events: SequencedEvent[]; onClose: () => void }) {
  return (
    <section aria-label="Debug: raw run events" className="flex max-h-64 flex-col border-t border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900" data-testid="debug-panel">
      <div className="flex items-center justify-between px-3 py-1 text-xs font-medium">
        <span>Raw events ({events.length})</span>
        <button type="button" onClick={onClose} className="rounded px-1.5 hover:bg-slate-200 dark:hover:bg-slate-800" aria-label="Close debug panel">
          ×
        </button>
      </div>
      <ol className="overflow-y-auto px-3 pb-2 font-mono text-[11px]">
        {events.map((event) => (
          <li key={event.seq} className="whitespace-pre-wrap break-all border-t border-slate-200 py-0.5 dark:border-slate-800">
            <span className="text-slate-500">#{event.seq}</span> <span className="font-semibold">{event.type}</span> {JSON.stringify({ ...event, type: undefined, seq: undefined })}
          </li>
        ))}
      </ol>
    </section>
  );
}
