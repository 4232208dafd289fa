import { useMemo } from 'react';
import { useResultData } from '../hooks/use-result-data.js';
import type { RunView } from '../state/run-reducer.js';
import { ChartView } from '../viz/chart-view.js';
import { normaliseChartType, suggestChartType } from '../viz/param-controls.js';
import type { VizParams } from '../viz/viz-messages.js';

interface ChartPanelProps {
  view: RunView;
  /** The chart type the stored answer names (message details), when there is one. */
  chartType?: string | null;
  onParamsChange?: (params: VizParams) => void;
}

/** The chart of the selected answer: its generated code over its result. */
export function ChartPanel({ view, chartType, onParamsChange }: ChartPanelProps) {
  const { data, error } = useResultData(view.data?.resultId);
  const generating = view.status === 'streaming';
  const code = view.code.tsx?.done ? view.code.tsx.text : '';
  const initialParams = useMemo<VizParams>(() => {
    const type = normaliseChartType(chartType) ?? (data ? suggestChartType(data.columns, data.rows) : undefined);
    return { title: view.question.trim().replace(/\?$/, '').slice(0, 80), colorScheme: 'default', ...(type ? { chartType: type } : {}) };
  }, [chartType, data, view.question]);
  if (!view.data) return <p className="p-3 text-sm text-slate-500">{generating ? 'Waiting for the data…' : 'No chart for this answer.'}</p>;
  if (error)
    return (
      <p role="alert" className="p-3 text-sm text-red-700 dark:text-red-300">
        Could not load the data: {error}
      </p>
    );
  if (!data) return <p className="p-3 text-sm text-slate-500">Loading the data…</p>;
  if (!code && !generating) return <p className="p-3 text-sm text-slate-500">This answer has no chart code.</p>;
  return (
    <div className="p-3">
      <ChartView key={`${view.runId ?? 'chart'}:${String(initialParams.chartType)}`} code={code} data={data} generating={generating} initialParams={initialParams} defaultTitle={String(initialParams.title)} onParamsChange={onParamsChange} />
    </div>
  );
}
