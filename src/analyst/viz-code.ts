/**
 * The `Viz` component source (ARCHITECTURE §5). One component draws every chart type so the
 * parameter controls can switch type, title and colours without regenerating code.
 */
export function vizCode(x: string | null, y: string[]): string {
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
        React.createElement('div', { style: { fontSize: 32, fontWeight: 700 } }, formatValue(row[key])))));
  }
  if (type === 'table' || !X || Y.length === 0) {
    const columns = rows.length ? Object.keys(rows[0]) : [];
    return React.createElement('div', { style: { font: '13px system-ui', overflow: 'auto' } }, heading,
      React.createElement('table', null,
        React.createElement('thead', null, React.createElement('tr', null, columns.map((c) => React.createElement('th', { key: c, style: { textAlign: 'left', padding: 4 } }, c)))),
        React.createElement('tbody', null, rows.slice(0, 500).map((row, i) => React.createElement('tr', { key: i }, columns.map((c) => React.createElement('td', { key: c, style: { padding: 4 } }, formatValue(row[c]))))))));
  }
  let chart;
  if (type === 'pie') {
    chart = React.createElement(PieChart, null,
      React.createElement(Pie, { data: rows, dataKey: Y[0], nameKey: X, outerRadius: '80%', label: true },
        rows.map((_, i) => React.createElement(Cell, { key: i, fill: colors[i % colors.length] }))),
      React.createElement(Tooltip, null), React.createElement(Legend, null));
  } else if (type === 'scatter') {
    chart = React.createElement(ScatterChart, null, React.createElement(CartesianGrid, { strokeDasharray: '3 3' }),
      React.createElement(XAxis, { dataKey: X, name: X, type: 'number' }), React.createElement(YAxis, { dataKey: Y[0], name: Y[0], type: 'number' }),
      React.createElement(Tooltip, null), React.createElement(Scatter, { data: rows, fill: colors[0] }));
  } else {
    const Chart = type === 'line' ? LineChart : BarChart;
    const Series = type === 'line' ? Line : Bar;
    chart = React.createElement(Chart, { data: rows }, React.createElement(CartesianGrid, { strokeDasharray: '3 3' }),
      React.createElement(XAxis, { dataKey: X }), React.createElement(YAxis, null), React.createElement(Tooltip, null),
      Y.length > 1 ? React.createElement(Legend, null) : null,
      Y.map((key, i) => React.createElement(Series, { key, dataKey: key, fill: colors[i % colors.length], stroke: colors[i % colors.length], dot: false })));
  }
  return React.createElement('div', { style: { width: '100%', height: 360 } }, heading,
    React.createElement(ResponsiveContainer, { width: '100%', height: title ? '90%' : '100%' }, chart));
}

function formatValue(value) {
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return value === null || value === undefined ? '' : String(value);
}
`;
}
