import { useEffect, useMemo, useState } from 'react';
import type { ResultData } from '../api/dto.js';
import { ResultsTable } from '../components/results-table.js';
import { PARAM_DEBOUNCE_MS } from './create-debouncer.js';
import { ParamControls, STANDARD_PARAMS } from './param-controls.js';
import { useDebouncedValue } from './use-debounced-value.js';
import { VizFrame, type VizStatus } from './viz-frame.js';
import { paramDefaults, rowsToRecords, type ParamSpecs, type VizParams } from './viz-messages.js';

interface ChartViewProps {
  code: string;
  data: ResultData;
  /** True while the answer still streams: the controls wait for the final code. */
  generating: boolean;
  initialParams?: VizParams;
  defaultTitle: string;
  onParamsChange?: (params: VizParams) => void;
}

/**
 * A generated chart with its parameter controls. Changing a control re-renders the same
 * code with new params after 300 ms of quiet, from the data already loaded: no new query.
 * When the chart fails, the error is shown with the table as a fallback.
 */
export function ChartView({ code, data, generating, initialParams, defaultTitle, onParamsChange }: ChartViewProps) {
  const [declared, setDeclared] = useState<ParamSpecs>({});
  const [values, setValues] = useState<VizParams>(() => ({ title: defaultTitle, ...initialParams }));
  const [status, setStatus] = useState<VizStatus>({ state: 'loading' });
  const specs = useMemo<ParamSpecs>(() => ({ ...STANDARD_PARAMS, ...declared }), [declared]);
  const shown = useMemo(() => ({ ...paramDefaults(specs), ...values }), [specs, values]);
  const debounced = useDebouncedValue(values, PARAM_DEBOUNCE_MS);
  const records = useMemo(() => rowsToRecords(data.columns, data.rows), [data]);

  useEffect(() => {
    onParamsChange?.(shown);
  }, [shown, onParamsChange]);

  return (
    <div className="space-y-3" data-testid="chart-view">
      <ParamControls specs={specs} values={shown} disabled={generating} onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))} />
      <div aria-live="polite" className="sr-only">
        {status.state === 'rendered' ? 'Chart rendered' : status.state === 'error' ? `Chart failed: ${status.message}` : ''}
      </div>
      {generating && !code ? (
        <p className="text-sm text-slate-500">Drawing the chart…</p>
      ) : (
        <VizFrame code={code} data={records} params={debounced} title={String(shown.title || 'Chart')} onStatus={setStatus} onDeclaredParams={setDeclared} />
      )}
      <p className="text-xs text-slate-500" data-testid="chart-status" data-state={status.state}>
        {status.state === 'loading' ? 'Starting the chart sandbox…' : status.state === 'rendering' ? 'Rendering…' : status.state === 'rendered' ? 'Rendered in the sandbox.' : ''}
      </p>
      {status.state === 'error' && (
        <div className="space-y-2">
          <p role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1.5 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200" data-testid="chart-error">
            The chart could not be drawn: {status.message} The data is shown as a table instead.
          </p>
          <ResultsTable data={data} maxHeight="40vh" />
        </div>
      )}
    </div>
  );
}
