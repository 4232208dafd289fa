import { useEffect, useRef } from 'react';
import type { DataDna } from '../../../src/core/dna.js';
import type { SynonymInput } from '../../../src/core/synonym.js';

/** One thing a word of the question may mean: a table, a column, or one value of a column. */
export interface CorrectionChoice {
  kind: 'table' | 'column' | 'value';
  label: string;
  target: Omit<SynonymInput, 'word'>;
}

const MAX_VALUES_PER_COLUMN = 6;

/** What a word may be corrected to, from the Data DNA: columns, their frequent values, then tables. */
export function correctionChoices(dna: DataDna): CorrectionChoice[] {
  const several = dna.tables.length > 1;
  const columns: CorrectionChoice[] = [];
  const values: CorrectionChoice[] = [];
  for (const table of dna.tables) {
    for (const column of table.columns) {
      const name = several ? `${table.name}.${column.name}` : column.name;
      columns.push({ kind: 'column', label: name, target: { table: table.name, column: column.name } });
      if (column.role === 'measure' || column.role === 'id' || column.role === 'time') continue;
      for (const top of column.topValues.slice(0, MAX_VALUES_PER_COLUMN)) {
        if (typeof top.value !== 'string') continue;
        values.push({ kind: 'value', label: `${name} = '${top.value}'`, target: { table: table.name, column: column.name, value: top.value } });
      }
    }
  }
  const tables = dna.tables.map((table): CorrectionChoice => ({ kind: 'table', label: `${table.name} (the table)`, target: { table: table.name } }));
  return [...columns, ...values, ...tables];
}

const GROUPS: { kind: CorrectionChoice['kind']; title: string }[] = [
  { kind: 'column', title: 'A column' },
  { kind: 'value', title: 'A value (a filter)' },
  { kind: 'table', title: 'A table' },
];

/**
 * The menu a click on a word of the reading opens: what the word should mean. Choosing saves the
 * word as a synonym of the datasource and asks the question again.
 */
export function CorrectionMenu({ word, choices, onChoose, onClose }: { word: string; choices: CorrectionChoice[]; onChoose: (choice: CorrectionChoice) => void; onClose: () => void }) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector('button')?.focus();
    const close = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [onClose]);
  return (
    <div ref={menu} role="menu" aria-label={`What "${word}" means`} data-testid="correction-menu" className="absolute z-30 mt-1 max-h-72 w-72 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
      <p className="mb-1 font-medium">“{word}” means…</p>
      {GROUPS.map((group) => {
        const inGroup = choices.filter((choice) => choice.kind === group.kind);
        if (inGroup.length === 0) return null;
        return (
          <div key={group.kind} className="mb-1">
            <p className="text-[10px] uppercase text-slate-500">{group.title}</p>
            {inGroup.map((choice) => (
              <button key={choice.label} type="button" role="menuitem" onClick={() => onChoose(choice)} className="block w-full rounded px-1.5 py-0.5 text-left font-mono hover:bg-indigo-50 focus:bg-indigo-50 dark:hover:bg-indigo-950 dark:focus:bg-indigo-950">
                {choice.label}
              </button>
            ))}
          </div>
        );
      })}
      <button type="button" onClick={onClose} className="mt-1 text-slate-500 underline">
        Cancel
      </button>
    </div>
  );
}
