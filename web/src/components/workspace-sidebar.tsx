import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export type WorkspaceTab = 'dna' | 'code' | 'results' | 'chart';

const TABS: { id: WorkspaceTab; label: string }[] = [
  { id: 'chart', label: 'Chart' },
  { id: 'results', label: 'Results' },
  { id: 'code', label: 'Code' },
  { id: 'dna', label: 'Data DNA' },
];

/** The right-hand workspace: an ARIA tab list (arrow keys move between tabs) over the panels. */
export function WorkspaceSidebar({ tab, onTab, children }: { tab: WorkspaceTab; onTab: (tab: WorkspaceTab) => void; children: Record<WorkspaceTab, ReactNode> }) {
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((entry) => entry.id === tab);
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = TABS[(index + delta + TABS.length) % TABS.length].id;
    onTab(next);
    buttons.current[next]?.focus();
  };
  return (
    <section aria-label="Workspace" className="flex h-full min-h-0 flex-col">
      <div role="tablist" aria-label="Workspace panels" className="flex border-b border-slate-200 px-2 dark:border-slate-800" onKeyDown={onKeyDown}>
        {TABS.map((entry) => (
          <button
            key={entry.id}
            ref={(element) => {
              buttons.current[entry.id] = element;
            }}
            type="button"
            role="tab"
            id={`tab-${entry.id}`}
            aria-selected={tab === entry.id}
            aria-controls={`panel-${entry.id}`}
            tabIndex={tab === entry.id ? 0 : -1}
            onClick={() => onTab(entry.id)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab === entry.id ? 'border-indigo-600 font-medium text-indigo-700 dark:text-indigo-300' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white'}`}
          >
            {entry.label}
          </button>
        ))}
      </div>
      {TABS.map((entry) => (
        <div key={entry.id} role="tabpanel" id={`panel-${entry.id}`} aria-labelledby={`tab-${entry.id}`} hidden={tab !== entry.id} className="min-h-0 flex-1 overflow-y-auto">
          {tab === entry.id && children[entry.id]}
        </div>
      ))}
    </section>
  );
}
