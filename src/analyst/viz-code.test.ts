import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import * as Recharts from 'recharts';
import { transform } from 'sucrase';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from './format-number.js';
import { vizCode } from './viz-code.js';

/** Compiles the generated module as the chart sandbox does (sucrase → CommonJS) and renders it to HTML. */
function render(code: string, data: Record<string, unknown>[], params: Record<string, unknown>): string {
  const compiled = transform(code, { transforms: ['jsx', 'imports'], production: true }).code;
  const module = { exports: {} as { default?: React.ComponentType<Record<string, unknown>> } };
  const modules: Record<string, unknown> = { react: React, recharts: Recharts };
  new Function('require', 'module', 'exports', compiled)((name: string) => modules[name], module, module.exports);
  return renderToStaticMarkup(React.createElement(module.exports.default!, { data, params }));
}

/** The formatters inside the generated code, called directly. */
function generatedFormatters(percent: string[]): { value: (value: unknown, key: string) => string; tick: (value: unknown, key: string) => string } {
  const compiled = transform(vizCode('x', ['y'], { percent }), { transforms: ['imports'] }).code;
  return new Function('require', 'module', 'exports', `${compiled}\nreturn { value: formatValue, tick: formatTick };`)(() => ({}), { exports: {} }, {});
}

describe('vizCode', () => {
  it('shows a ratio KPI as the percentage the answer says', () => {
    const html = render(vizCode(null, ['failure_rate'], { percent: ['failure_rate'] }), [{ failure_rate: 0.054592 }], { chartType: 'kpi' });
    expect(html).toContain('5.46%');
    expect(html).not.toContain('0.05<');
  });

  it('shows ratios as percentages and other numbers with thousands separators in the table view', () => {
    const html = render(vizCode('device', ['failure_rate', 'payments'], { percent: ['failure_rate'] }), [{ device: 'Android', failure_rate: 0.054592, payments: 681383 }], { chartType: 'table' });
    expect(html).toContain('5.46%');
    expect(html).toContain('681,383');
  });

  it('formats values, ticks and tooltips exactly as the answer text does', () => {
    const formatters = generatedFormatters(['rate']);
    for (const ratio of [0.054592, 0.0451, 0.5, 1, 0, 0.000123, -0.25]) {
      expect(formatters.value(ratio, 'rate')).toBe(formatPercent(ratio));
      expect(formatters.tick(ratio, 'rate')).toBe(formatPercent(ratio));
    }
    for (const amount of [2770496980.82, 1099104, 0.004, 12.5, -3.25]) expect(formatters.value(amount, 'amount')).toBe(formatNumber(amount));
    expect(formatters.tick(1500000, 'amount')).toBe('1,500,000');
  });

  it('passes the percent formatter to axis ticks and the tooltip', () => {
    const code = vizCode('month', ['failure_rate'], { percent: ['failure_rate'] });
    expect(code).toContain('const PERCENT = ["failure_rate"]');
    expect(code).toMatch(/YAxis, \{ tickFormatter: yTicks \}/);
    expect(code).toMatch(/Tooltip, \{ formatter:/);
  });
});
