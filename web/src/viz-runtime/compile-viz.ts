import { transform } from 'sucrase';
import type { ComponentType } from 'react';
import { ParamSpecs } from '../viz/viz-messages.js';

/** What a compiled chart module exposes: its component and the params it declares. */
export interface CompiledViz {
  Viz: ComponentType<Record<string, unknown>>;
  declaredParams: ParamSpecs | undefined;
}

/** Thrown for code that cannot become a chart; the message is shown to the person. */
export class VizCompileError extends Error {}

/**
 * Compiles the generated TSX module into a component. Sucrase strips the types and turns
 * JSX and `import` into CommonJS, and `require` only resolves the modules the runtime
 * bundles ('react', 'recharts'): the code gets no other module and, under the frame's CSP,
 * no network.
 */
export function compileViz(code: string, modules: Readonly<Record<string, unknown>>): CompiledViz {
  let compiled: string;
  try {
    compiled = transform(code, { transforms: ['typescript', 'jsx', 'imports'], jsxRuntime: 'automatic', production: true }).code;
  } catch (error) {
    throw new VizCompileError(`The chart code does not compile: ${(error as Error).message}`);
  }
  const module = { exports: {} as Record<string, unknown> };
  const require = (name: string): unknown => {
    if (Object.hasOwn(modules, name)) return modules[name];
    throw new VizCompileError(`The chart code imports "${name}"; only ${Object.keys(modules).map((key) => `"${key}"`).join(', ')} are available.`);
  };
  // The frame's CSP allows 'unsafe-eval' for exactly this, and nothing can leave the frame.
  const factory = new Function('require', 'module', 'exports', compiled) as (r: typeof require, m: typeof module, e: unknown) => void;
  factory(require, module, module.exports);
  const exported = module.exports;
  const Viz = (exported.default ?? exported.Viz) as ComponentType<Record<string, unknown>> | undefined;
  if (typeof Viz !== 'function') {
    throw new VizCompileError('The chart code must `export default function Viz({ data, params })`.');
  }
  let declaredParams: ParamSpecs | undefined;
  if (exported.params !== undefined) {
    const parsed = ParamSpecs.safeParse(exported.params);
    // Declarations that do not parse are ignored rather than fatal: the chart still renders.
    if (parsed.success) declaredParams = parsed.data;
  }
  return { Viz, declaredParams };
}
