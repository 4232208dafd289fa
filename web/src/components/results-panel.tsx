import { api } from '../api/api-client.js';
import { getAuthToken } from '../api/auth-token.js';
import { countLabel } from '../format/count-label.js';
import { useResultData } from '../hooks/use-result-data.js';
import type { RunView } from '../state/run-reducer.js';
import { ResultsTable } from './results-table.js';

/** The full result of the selected answer, with downloads. */
export function ResultsPanel({ view }: { view: RunView }) {
  const { data, error, loading } = useResultData(view.data?.resultId);
  if (!view.data) return <p className="p-3 text-sm text-slate-500">No result for this answer yet.</p>;
  const resultId = view.data.resultId;
  return (
    <div className="space-y-2 p-3">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="text-slate-500">
          {countLabel(view.data.rowCount, 'row')} · {countLabel(view.data.columns.length, 'column')}
        </span>
        <span className="flex-1" />
        {(['csv', 'parquet'] as const).map((format) => (
          <a
            key={format}
            href={api.dataUrl(resultId, format)}
            download
            onClick={(event) => {
              // With a token, the file must be fetched with its header: a plain link cannot send one.
              if (!getAuthToken()) return;
              event.preventDefault();
              void api.downloadData(resultId, format).catch(() => undefined);
            }}
            className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Download {format === 'csv' ? 'CSV' : 'Parquet'}
          </a>
        ))}
      </div>
      {loading && <p className="text-sm text-slate-500">Loading rows…</p>}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not load the result: {error}
        </p>
      )}
      {data && <ResultsTable data={data} />}
      {data?.truncated && <p className="text-xs text-amber-700 dark:text-amber-300">The row cap cut this result; download it for the rows shown.</p>}
    </div>
  );
}
