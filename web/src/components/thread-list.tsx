import { useMemo, useState } from 'react';
import type { ThreadDto } from '../api/dto.js';
import { PencilIcon, TrashIcon } from './icons.js';

interface ThreadListProps {
  threads: ThreadDto[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onCreate: () => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
}

/** The left column: search, new thread, and each thread with rename and delete. */
export function ThreadList({ threads, selectedId, onSelect, onCreate, onRename, onDelete }: ThreadListProps) {
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const visible = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return needle ? threads.filter((thread) => thread.title.toLowerCase().includes(needle)) : threads;
  }, [threads, query]);

  const commit = (id: string) => {
    const title = draft.trim();
    if (title) onRename(id, title);
    setEditing(null);
  };

  return (
    <nav aria-label="Threads" className="flex h-full flex-col gap-2 p-3">
      <button type="button" onClick={onCreate} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        + New thread
      </button>
      <label className="sr-only" htmlFor="thread-search">
        Search threads
      </label>
      <input
        id="thread-search"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Search threads"
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <ul className="-mx-1 flex-1 overflow-y-auto" aria-label="Thread list">
        {visible.map((thread) => (
          <li key={thread.id} className="group px-1">
            {editing === thread.id ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  commit(thread.id);
                }}
              >
                <input
                  autoFocus
                  aria-label="Thread title"
                  value={draft}
                  onChange={(event) => setDraft(event.target.value)}
                  onBlur={() => commit(thread.id)}
                  onKeyDown={(event) => event.key === 'Escape' && setEditing(null)}
                  className="w-full rounded border border-indigo-400 bg-white px-2 py-1 text-sm dark:bg-slate-900"
                />
              </form>
            ) : (
              <div className={`flex items-center rounded-md ${thread.id === selectedId ? 'bg-indigo-50 dark:bg-indigo-950' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}>
                <button
                  type="button"
                  onClick={() => onSelect(thread.id)}
                  aria-current={thread.id === selectedId ? 'page' : undefined}
                  className="min-w-0 flex-1 truncate px-2 py-1.5 text-left text-sm"
                  title={thread.title}
                >
                  {thread.title || 'Untitled thread'}
                </button>
                <button
                  type="button"
                  aria-label={`Rename ${thread.title}`}
                  onClick={() => {
                    setDraft(thread.title);
                    setEditing(thread.id);
                  }}
                  className="rounded px-1 text-xs text-slate-500 opacity-60 hover:opacity-100 focus:opacity-100"
                >
                  <PencilIcon />
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${thread.title}`}
                  onClick={() => {
                    if (window.confirm(`Delete “${thread.title}”?`)) onDelete(thread.id);
                  }}
                  className="rounded px-1 text-xs text-slate-500 opacity-60 hover:text-red-600 hover:opacity-100 focus:opacity-100"
                >
                  <TrashIcon />
                </button>
              </div>
            )}
          </li>
        ))}
        {visible.length === 0 && <li className="px-2 py-4 text-sm text-slate-500">{query ? 'No thread matches.' : 'No threads yet.'}</li>}
      </ul>
    </nav>
  );
}
