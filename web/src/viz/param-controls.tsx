import { COLOR_SCHEMES } from '../viz-runtime/palettes.js';
import type { ParamSpec, ParamSpecs, VizParams } from './viz-messages.js';

export const CHART_TYPES = ['bar', 'line', 'area', 'pie', 'scatter', 'kpi', 'table'];

/** The chart type a result's shape suggests, when the run did not name one. */
export function suggestChartType(columns: readonly { name: string; type: string }[], rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return 'table';
  const numeric = columns.map((_, index) => rows.every((row) => row[index] === null || typeof row[index] === 'number'));
  if (rows.length === 1 && numeric.every(Boolean)) return 'kpi';
  if (/DATE|TIME/i.test(columns[0]?.type ?? '') && rows.length > 1) return 'line';
  if (!numeric[0] && numeric.slice(1).some(Boolean)) return 'bar';
  if (numeric.length >= 2 && numeric.every(Boolean)) return 'scatter';
  return 'table';
}

/** Maps the names the viz agent uses for chart types onto the controls' options. */
export function normaliseChartType(type: string | undefined | null): string | undefined {
  if (!type) return undefined;
  const mapped = ({ number: 'kpi', histogram: 'bar' } as Record<string, string>)[type] ?? type;
  return CHART_TYPES.includes(mapped) ? mapped : undefined;
}

/** The controls every chart has, before those its code declares. */
export const STANDARD_PARAMS: ParamSpecs = {
  title: { type: 'string', default: '', label: 'Title' },
  chartType: { type: 'select', options: CHART_TYPES, default: 'bar', label: 'Chart type' },
  colorScheme: { type: 'select', options: COLOR_SCHEMES, default: 'default', label: 'Colours' },
};

const humanise = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (first) => first.toUpperCase());

function Control({ name, spec, value, disabled, onChange }: { name: string; spec: ParamSpec; value: VizParams[string] | undefined; disabled: boolean; onChange: (value: VizParams[string]) => void }) {
  const id = `param-${name}`;
  const label = spec.label ?? humanise(name);
  const inputClass = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900';
  if (spec.type === 'boolean') {
    return (
      <label htmlFor={id} className="flex items-center gap-2 text-xs">
        <input id={id} type="checkbox" checked={Boolean(value)} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
        {label}
      </label>
    );
  }
  return (
    <div className="flex flex-col gap-0.5 text-xs">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-300">
        {label}
      </label>
      {spec.type === 'select' ? (
        <select id={id} className={inputClass} value={String(value ?? spec.default ?? spec.options[0])} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
          {spec.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : spec.type === 'number' ? (
        <input
          id={id}
          type="number"
          className={inputClass}
          value={typeof value === 'number' ? value : spec.default}
          min={spec.min}
          max={spec.max}
          step={spec.step}
          disabled={disabled}
          onChange={(event) => event.target.value !== '' && onChange(Number(event.target.value))}
        />
      ) : (
        <input id={id} type="text" className={inputClass} value={String(value ?? '')} disabled={disabled} onChange={(event) => onChange(event.target.value)} />
      )}
    </div>
  );
}

/** Controls for the chart's params; disabled while the answer is still generating. */
export function ParamControls({ specs, values, disabled, onChange }: { specs: ParamSpecs; values: VizParams; disabled: boolean; onChange: (name: string, value: VizParams[string]) => void }) {
  return (
    <fieldset disabled={disabled} aria-label="Chart parameters" className="grid grid-cols-2 gap-2 md:grid-cols-3" data-testid="param-controls">
      {Object.entries(specs).map(([name, spec]) => (
        <Control key={name} name={name} spec={spec} value={values[name]} disabled={disabled} onChange={(value) => onChange(name, value)} />
      ))}
    </fieldset>
  );
}
