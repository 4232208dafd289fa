import { useState } from 'react';
import { api } from '../api/api-client.js';
import { ThumbDownIcon, ThumbUpIcon } from './icons.js';

/** Thumbs up/down for one stored answer, with an optional correction. */
export function FeedbackButtons({ messageId, initial }: { messageId: string; initial?: { rating: 'up' | 'down'; correction?: string | null } | null }) {
  const [rating, setRating] = useState<'up' | 'down' | null>(initial?.rating ?? null);
  const [correcting, setCorrecting] = useState(false);
  const [correction, setCorrection] = useState(initial?.correction ?? '');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'error'>(initial ? 'saved' : 'idle');
  const [error, setError] = useState<string | null>(null);

  const save = async (next: 'up' | 'down', text?: string) => {
    setRating(next);
    setStatus('saving');
    try {
      await api.sendFeedback(messageId, text ? { rating: next, correction: text } : { rating: next });
      setStatus('saved');
      setError(null);
    } catch (failure) {
      setStatus('error');
      setError((failure as Error).message);
    }
  };

  const buttonClass = (active: boolean) =>
    `rounded px-1.5 py-0.5 text-sm ${active ? 'bg-indigo-100 dark:bg-indigo-900' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-1 text-xs text-slate-500" data-testid="feedback">
      <button type="button" aria-label="Good answer" aria-pressed={rating === 'up'} className={buttonClass(rating === 'up')} onClick={() => void save('up')}>
        <ThumbUpIcon />
      </button>
      <button
        type="button"
        aria-label="Bad answer"
        aria-pressed={rating === 'down'}
        className={buttonClass(rating === 'down')}
        onClick={() => {
          void save('down');
          setCorrecting(true);
        }}
      >
        <ThumbDownIcon />
      </button>
      <button type="button" className="rounded px-1 underline-offset-2 hover:underline" onClick={() => setCorrecting((open) => !open)} aria-expanded={correcting}>
        Suggest a correction
      </button>
      <span role="status" className="ml-1">
        {status === 'saving' ? 'Saving…' : status === 'saved' ? 'Feedback saved' : status === 'error' ? `Not saved: ${error}` : ''}
      </span>
      {correcting && (
        <form
          className="mt-1 flex w-full gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            void save(rating ?? 'down', correction.trim() || undefined);
            setCorrecting(false);
          }}
        >
          <label htmlFor={`correction-${messageId}`} className="sr-only">
            Correction
          </label>
          <input
            id={`correction-${messageId}`}
            value={correction}
            onChange={(event) => setCorrection(event.target.value)}
            placeholder="What should the answer have been?"
            className="flex-1 rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          />
          <button type="submit" className="rounded bg-slate-800 px-2 py-1 text-white dark:bg-slate-200 dark:text-slate-900">
            Send correction
          </button>
        </form>
      )}
    </div>
  );
}
