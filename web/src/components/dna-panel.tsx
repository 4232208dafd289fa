import type { ColumnProfile, DataDna } from '../../../src/core/dna.js';
import { countLabel } from '../format/count-label.js';
import { formatPercent } from '../format/format-percent.js';
import { useEffect, useState } from 'react';
import type { Synonym } from '../../../src/core/synonym.js';
import { describeSynonymTarget } from '../../../src/core/synonym.js';
import { api } from '../api/api-client.js';
import { useDna } from '../hooks/use-dna.js';

const ROLE_STYLE: Record<string, string> = {
  id: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  measure: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100',
  dimension: 'bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100',
  time: 'bg-violet-100 text-violet-800 dark:bg-violet-900 dark:text-violet-100',
  status: 'bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100',
  boolean: 'bg-pink-100 text-pink-800 dark:bg-pink-900 dark:text-pink-100',
  geo: 'bg-teal-100 text-teal-800 dark:bg-teal-900 dark:text-teal-100',
  text: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
};

/** Null shares: one decimal is enough to tell 0% from a few missing values. */
const percent = (value: number) => `${(value * 100).toFixed(value < 0.01 && value > 0 ? 2 : 1)}%`;

function formatBaseline(value: number | null, unit: string): string {
  if (value === null) return '—';
  // Ratios as the answers say them, so "the overall 4.51%" is 4.51% here too.
  return unit === 'ratio' ? formatPercent(value) : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

function ColumnRow({ column }: { column: ColumnProfile }) {
  const top = column.topValues.slice(0, 4);
  return (
    <tr className="border-t border-slate-100 align-top dark:border-slate-800">
      <th scope="row" className="py-1 pr-2 text-left font-mono font-normal">
        {column.name}
        {column.primaryKey && <span title="primary key" className="ml-1 rounded bg-slate-200 px-1 text-[9px] dark:bg-slate-700">PK</span>}
        <div className="text-[10px] text-slate-500">{column.type}</div>
      </th>
      <td className="py-1 pr-2">
        <span className={`rounded px-1.5 py-0.5 text-[10px] font-medium ${ROLE_STYLE[column.role] ?? ''}`}>{column.role}</span>
      </td>
      <td className="py-1 pr-2 tabular-nums">{percent(column.nullShare)}</td>
      <td className="py-1 text-slate-600 dark:text-slate-300">
        {top.length > 0
          ? top.map((value) => `${value.value === null ? '∅' : String(value.value)} (${value.count.toLocaleString()})`).join(', ')
          : column.timeRange
            ? `${column.timeRange.min.slice(0, 10)} → ${column.timeRange.max.slice(0, 10)} (${column.timeRange.grain})`
            : column.min !== undefined && column.min !== null
              ? `${String(column.min)} … ${String(column.max)}`
              : ''}
      </td>
    </tr>
  );
}

/** The profile of a datasource: tables, columns with role, null share, top values, derived baselines. */
export function DnaView({ dna }: { dna: DataDna }) {
  return (
    <div className="space-y-2" data-testid="dna">
      <p className="text-xs text-slate-500">
        {dna.datasource.split('@')[0]} · {dna.dialect} · profiled {new Date(dna.generatedAt).toLocaleString()}
      </p>
      {dna.tables.map((table, index) => (
        <details key={table.name} open={index === 0} className="rounded-md border border-slate-200 dark:border-slate-800">
          <summary className="cursor-pointer px-2 py-1.5 text-sm font-medium">
            {table.name} <span className="font-normal text-slate-500">· {countLabel(table.rowCount, 'row')} · {countLabel(table.columns.length, 'column')}</span>
          </summary>
          <div className="overflow-x-auto px-2 pb-2">
            {table.derivedMetrics.length > 0 && (
              <ul className="mb-2 space-y-0.5 text-xs" aria-label="Derived metrics">
                {table.derivedMetrics.map((metric) => (
                  <li key={metric.name}>
                    <span className="font-medium">{metric.name}</span>: baseline <span className="tabular-nums">{formatBaseline(metric.baseline, metric.unit)}</span>
                    <span className="text-slate-500"> — {metric.description}</span>
                  </li>
                ))}
              </ul>
            )}
            <table className="w-full text-xs">
              <thead className="text-left text-[10px] uppercase text-slate-500">
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Role</th>
                  <th scope="col">Nulls</th>
                  <th scope="col">Top values / range</th>
                </tr>
              </thead>
              <tbody>
                {table.columns.map((column) => (
                  <ColumnRow key={column.name} column={column} />
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </div>
  );
}

/** The words the person taught this datasource (corrections), each removable. */
function SavedSynonyms({ datasource, version }: { datasource: string; version: number }) {
  const [synonyms, setSynonyms] = useState<Synonym[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let active = true;
    api.listSynonyms(datasource).then(
      (list) => active && (setSynonyms(list), setError(null)),
      (failure: Error) => active && setError(failure.message),
    );
    return () => {
      active = false;
    };
  }, [datasource, version, reloads]);
  if (error) return <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">Could not load the saved synonyms: {error}</p>;
  if (!synonyms || synonyms.length === 0) return null;
  return (
    <section className="mt-3" aria-label="Saved synonyms" data-testid="saved-synonyms">
      <h3 className="text-xs font-medium">Saved synonyms</h3>
      <ul className="mt-1 space-y-0.5 text-xs">
        {synonyms.map((synonym) => (
          <li key={synonym.id} className="flex items-center gap-2">
            <span>
              “{synonym.word}” → <span className="font-mono">{describeSynonymTarget(synonym)}</span>
            </span>
            <button
              type="button"
              className="text-slate-500 underline"
              aria-label={`Remove the synonym ${synonym.word}`}
              onClick={() => void api.deleteSynonym(datasource, synonym.id).then(() => setReloads((value) => value + 1), (failure: Error) => setError(failure.message))}
            >
              remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DnaPanel({ datasource, synonymsVersion = 0 }: { datasource: string | null; synonymsVersion?: number }) {
  const { dna, error, loading } = useDna(datasource);
  if (!datasource) return <p className="p-3 text-sm text-slate-500">Ask a question or pick a datasource to see its Data DNA.</p>;
  return (
    <div className="p-3">
      {loading && <p className="text-sm text-slate-500">Loading the Data DNA of {datasource}…</p>}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not load the Data DNA: {error}
        </p>
      )}
      {dna && <DnaView dna={dna} />}
      {dna && <SavedSynonyms datasource={datasource} version={synonymsVersion} />}
    </div>
  );
}
