import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { Cell } from '../../../src/core/query-result.js';
import type { ResultData } from '../api/dto.js';

type Sort = { column: number; direction: 'ascending' | 'descending' } | null;

function compare(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1; // nulls last either way
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

function display(cell: Cell): string {
  if (cell === null) return '∅';
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toLocaleString() : cell.toLocaleString(undefined, { maximumFractionDigits: 6 });
  return String(cell);
}

const ROW_HEIGHT = 28;

/** A sortable table that renders only the visible rows, so 100k rows scroll smoothly. */
export function ResultsTable({ data, maxHeight = '60vh' }: { data: ResultData; maxHeight?: string }) {
  const [sort, setSort] = useState<Sort>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => {
    if (!sort) return data.rows;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...data.rows].sort((a, b) => {
      const result = compare(a[sort.column], b[sort.column]);
      return a[sort.column] === null || b[sort.column] === null ? result : sign * result;
    });
  }, [data.rows, sort]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  // Number columns are right-aligned, headers too, so a header sits over its figures.
  const numeric = useMemo(() => data.columns.map((_, index) => data.rows.slice(0, 50).some((row) => typeof row[index] === 'number')), [data]);
  const template = `repeat(${Math.max(1, data.columns.length)}, minmax(7rem, 1fr))`;
  const toggle = (column: number) =>
    setSort((current) => (current?.column === column ? (current.direction === 'ascending' ? { column, direction: 'descending' } : null) : { column, direction: 'ascending' }));

  return (
    <div role="table" aria-label="Query result" aria-rowcount={rows.length + 1} className="text-xs" data-testid="results-table">
      <div ref={scroller} className="overflow-auto rounded-md border border-slate-200 dark:border-slate-800" style={{ maxHeight }}>
        <div role="rowgroup" className="sticky top-0 z-10 bg-slate-100 dark:bg-slate-800" style={{ minWidth: 'fit-content' }}>
          <div role="row" aria-rowindex={1} className="grid" style={{ gridTemplateColumns: template }}>
            {data.columns.map((column, index) => (
              <div key={column.name} role="columnheader" aria-sort={sort?.column === index ? sort.direction : 'none'} className="border-b border-slate-200 dark:border-slate-700">
                <button type="button" onClick={() => toggle(index)} className={`flex w-full items-center gap-1 px-2 py-1.5 font-semibold ${numeric[index] ? 'justify-end text-right' : 'text-left'}`} title={column.type}>
                  <span className="truncate">{column.name}</span>
                  <span aria-hidden="true">{sort?.column === index ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}</span>
                </button>
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: 'fit-content' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className="absolute left-0 grid w-full border-b border-slate-100 odd:bg-white even:bg-slate-50 dark:border-slate-900 dark:odd:bg-slate-950 dark:even:bg-slate-900"
              style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {rows[item.index].map((cell, index) => (
                <div key={index} role="cell" className={`truncate px-2 py-1 ${typeof cell === 'number' ? 'text-right tabular-nums' : ''} ${cell === null ? 'text-slate-400' : ''}`}>
                  {display(cell)}
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
