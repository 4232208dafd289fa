import * as React from 'react';
import * as JsxRuntime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compileViz, VizCompileError } from './compile-viz.js';

const MODULES = { react: React, 'react/jsx-runtime': JsxRuntime };

describe('compileViz', () => {
  it('compiles a TSX component with types and imports into a renderable component', () => {
    const { Viz } = compileViz(
      `import React from 'react';
       type Row = { platform: string; rate: number };
       export default function Viz({ data, params }: { data: Row[]; params: { title?: string } }) {
         return <ul title={params.title}>{data.map((row) => <li key={row.platform}>{row.platform}: {row.rate}</li>)}</ul>;
       }`,
      MODULES,
    );
    const html = renderToStaticMarkup(React.createElement(Viz, { data: [{ platform: 'android', rate: 0.12 }], params: { title: 'Rates' } }));
    expect(html).toBe('<ul title="Rates"><li>android: 0.12</li></ul>');
  });

  it('reads the params the code declares', () => {
    const { declaredParams } = compileViz(
      `export const params = { topN: { type: 'number', default: 5, min: 1 }, stacked: { type: 'boolean', default: true } };
       export default function Viz() { return null; }`,
      MODULES,
    );
    expect(declaredParams).toEqual({ topN: { type: 'number', default: 5, min: 1 }, stacked: { type: 'boolean', default: true } });
  });

  it('refuses modules other than the bundled ones', () => {
    const code = `import fs from 'fs'; export default function Viz() { return fs.readFileSync('/etc/passwd'); }`;
    expect(() => compileViz(code, MODULES)).toThrow(VizCompileError);
    expect(() => compileViz(code, MODULES)).toThrow(/imports "fs"/);
  });

  it('explains code that does not compile or exports no component', () => {
    expect(() => compileViz('export default function Viz( {', MODULES)).toThrow(/does not compile/);
    expect(() => compileViz('export const x = 1;', MODULES)).toThrow(/export default function Viz/);
  });
});
