import { useState } from 'react';

interface ChatInputProps {
  generating: boolean;
  reconnecting: boolean;
  disabled?: boolean;
  onSubmit: (content: string) => void;
  onStop: () => void;
}

/** The question box: Enter sends, Shift+Enter adds a line; "Generating…" and Stop while a run streams. */
export function ChatInput({ generating, reconnecting, disabled, onSubmit, onStop }: ChatInputProps) {
  const [value, setValue] = useState('');
  const submit = () => {
    const content = value.trim();
    if (!content || generating || disabled) return;
    onSubmit(content);
    setValue('');
  };
  return (
    <form
      className="flex items-end gap-2 border-t border-slate-200 p-3 dark:border-slate-800"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor="chat-input" className="sr-only">
        Ask a question about your data
      </label>
      <textarea
        id="chat-input"
        rows={2}
        value={value}
        disabled={generating || disabled}
        placeholder={generating ? (reconnecting ? 'Reconnecting…' : 'Generating…') : 'Ask a question about your data, e.g. “What’s the failure rate for Android users?”'}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
        className="min-h-[3rem] flex-1 resize-none rounded-md border border-slate-300 bg-white px-3 py-2 text-sm disabled:cursor-not-allowed disabled:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:disabled:bg-slate-800"
      />
      {generating ? (
        <button type="button" onClick={onStop} className="rounded-md border border-red-400 px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950">
          Stop
        </button>
      ) : (
        <button type="submit" disabled={!value.trim() || disabled} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
          Send
        </button>
      )}
      {generating && (
        <span className="sr-only" role="status">
          {reconnecting ? 'Reconnecting…' : 'Generating…'}
        </span>
      )}
    </form>
  );
}
