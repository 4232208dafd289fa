/** How the generated chart formats the values of some columns. */
export interface VizFormat {
  /**
   * Columns holding ratios (0..1) shown as percentages, as the answer says them
   * (`formatPercent`: 0.05459 → "5.46%"), in the KPI, table, axis ticks and tooltips.
   */
  percent?: string[];
}

/**
 * The `Viz` component source (ARCHITECTURE §5). One component draws every chart type so the
 * parameter controls can switch type, title and colours without regenerating code. The value
 * formatters mirror `formatNumber`/`formatPercent` (format-number.ts) so the chart shows the
 * numbers the answer text shows; a test keeps them in step.
 */
export function vizCode(x: string | null, y: string[], format: VizFormat = {}): string {
  return `import React from 'react';
import { ResponsiveContainer, BarChart, Bar, LineChart, Line, PieChart, Pie, Cell, ScatterChart, Scatter, XAxis, YAxis, Tooltip, Legend, CartesianGrid } from 'recharts';

const SCHEMES = {
  default: ['#4f46e5', '#16a34a', '#ea580c', '#0891b2', '#db2777', '#ca8a04', '#7c3aed', '#dc2626'],
  warm: ['#dc2626', '#ea580c', '#f59e0b', '#ca8a04', '#db2777', '#9f1239'],
  cool: ['#1d4ed8', '#0891b2', '#0d9488', '#4f46e5', '#7c3aed', '#2563eb'],
  mono: ['#111827', '#374151', '#6b7280', '#9ca3af', '#d1d5db'],
};
const X = ${JSON.stringify(x)};
const Y = ${JSON.stringify(y)};
// Ratios (0..1) shown as percentages, as the answer text says them.
const PERCENT = ${JSON.stringify(format.percent ?? [])};

export default function Viz({ data, params }) {
  const rows = Array.isArray(data) ? data : [];
  const p = params || {};
  const title = p.title || '';
  const type = p.chartType || 'bar';
  const colors = SCHEMES[p.colorScheme] || SCHEMES.default;
  const heading = title ? React.createElement('h3', { style: { margin: '0 0 8px', font: '600 14px system-ui' } }, title) : null;
  if (type === 'kpi') {
    const row = rows[0] || {};
    return React.createElement('div', { style: { font: '14px system-ui', padding: 16 } }, heading,
      Y.map((key) => React.createElement('div', { key }, React.createElement('div', { style: { color: '#6b7280' } }, key),
        React.createElement('div', { style: { fontSize: 32, fontWeight: 700 } }, formatValue(row[key], key)))));
  }
  if (type === 'table' || !X || Y.length === 0) {
    const columns = rows.length ? Object.keys(rows[0]) : [];
    return React.createElement('div', { style: { font: '13px system-ui', overflow: 'auto' } }, heading,
      React.createElement('table', null,
        React.createElement('thead', null, React.createElement('tr', null, columns.map((c) => React.createElement('th', { key: c, style: { textAlign: 'left', padding: 4 } }, c)))),
        React.createElement('tbody', null, rows.slice(0, 500).map((row, i) => React.createElement('tr', { key: i }, columns.map((c) => React.createElement('td', { key: c, style: { padding: 4 } }, formatValue(row[c], c))))))));
  }
  // The tooltip names a series by its dataKey (the slice name for pies).
  const tooltip = React.createElement(Tooltip, { formatter: (value, name, item) => formatValue(value, (item && typeof item.dataKey === 'string' && item.dataKey) || name) });
  const yTicks = (value) => formatTick(value, Y.length > 0 && Y.every((key) => PERCENT.includes(key)) ? Y[0] : null);
  let chart;
  if (type === 'pie') {
    chart = React.createElement(PieChart, null,
      React.createElement(Pie, { data: rows, dataKey: Y[0], nameKey: X, outerRadius: '80%', label: (entry) => formatValue(entry.value, Y[0]) },
        rows.map((_, i) => React.createElement(Cell, { key: i, fill: colors[i % colors.length] }))),
      tooltip, React.createElement(Legend, null));
  } else if (type === 'scatter') {
    chart = React.createElement(ScatterChart, null, React.createElement(CartesianGrid, { strokeDasharray: '3 3' }),
      React.createElement(XAxis, { dataKey: X, name: X, type: 'number', tickFormatter: (value) => formatTick(value, X) }),
      React.createElement(YAxis, { dataKey: Y[0], name: Y[0], type: 'number', tickFormatter: (value) => formatTick(value, Y[0]) }),
      tooltip, React.createElement(Scatter, { data: rows, fill: colors[0] }));
  } else {
    const Chart = type === 'line' ? LineChart : BarChart;
    const Series = type === 'line' ? Line : Bar;
    chart = React.createElement(Chart, { data: rows }, React.createElement(CartesianGrid, { strokeDasharray: '3 3' }),
      React.createElement(XAxis, { dataKey: X, tickFormatter: (value) => formatTick(value, X) }), React.createElement(YAxis, { tickFormatter: yTicks }), tooltip,
      Y.length > 1 ? React.createElement(Legend, null) : null,
      Y.map((key, i) => React.createElement(Series, { key, dataKey: key, fill: colors[i % colors.length], stroke: colors[i % colors.length], dot: false })));
  }
  return React.createElement('div', { style: { width: '100%', height: 360 } }, heading,
    React.createElement(ResponsiveContainer, { width: '100%', height: title ? '90%' : '100%' }, chart));
}

function formatPercent(ratio) {
  return (ratio * 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 }) + '%';
}

function formatValue(value, key) {
  if (typeof value === 'number') {
    if (PERCENT.includes(key)) return formatPercent(value);
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value)) return value.toLocaleString('en-US');
    // Small fractions keep 4 decimals so they do not print as 0.00.
    const digits = Math.abs(value) >= 0.01 ? 2 : 4;
    return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  return value === null || value === undefined ? '' : String(value);
}

function formatTick(value, key) {
  if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value);
  return PERCENT.includes(key) ? formatPercent(value) : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
`;
}
