import { z } from 'zod';

/**
 * The messages between the page and the chart sandbox (ARCHITECTURE §5). Both sides parse
 * what they receive with these schemas: the page never trusts the frame (its code is
 * generated), and the frame renders only well-formed input.
 */

export const CellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof CellValue>;

/** Rows as objects keyed by column name: the shape Recharts components take. */
export const VizRow = z.record(z.string(), CellValue);
export type VizRow = z.infer<typeof VizRow>;

export const ParamValue = z.union([z.string(), z.number(), z.boolean()]);
export type ParamValue = z.infer<typeof ParamValue>;
export const VizParams = z.record(z.string(), ParamValue);
export type VizParams = z.infer<typeof VizParams>;

/** Rows a chart receives at most; a chart of more points is unreadable and slow to post. */
export const MAX_CHART_ROWS = 5000;
/** Generated code larger than this is refused before it reaches the frame. */
export const MAX_CODE_LENGTH = 200_000;

/**
 * A parameter the generated code declares with `export const params = {…}`, e.g.
 * `{ topN: { type: 'number', default: 10, min: 1, max: 50, label: 'Top N' } }`.
 */
export const ParamSpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('string'), default: z.string().default(''), label: z.string().optional() }),
  z.object({
    type: z.literal('number'),
    default: z.number().default(0),
    min: z.number().optional(),
    max: z.number().optional(),
    step: z.number().optional(),
    label: z.string().optional(),
  }),
  z.object({ type: z.literal('boolean'), default: z.boolean().default(false), label: z.string().optional() }),
  z.object({ type: z.literal('select'), options: z.array(z.string()).min(1).max(50), default: z.string().optional(), label: z.string().optional() }),
]);
export type ParamSpec = z.infer<typeof ParamSpec>;
export const ParamSpecs = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/), ParamSpec);
export type ParamSpecs = z.infer<typeof ParamSpecs>;

/** Page → frame: compile (when the code changed) and render with these data and params. */
export const RenderRequest = z.object({
  kind: z.literal('insightx-viz-render'),
  renderId: z.number().int().nonnegative(),
  code: z.string().min(1).max(MAX_CODE_LENGTH),
  data: z.array(VizRow).max(MAX_CHART_ROWS),
  params: VizParams,
});
export type RenderRequest = z.infer<typeof RenderRequest>;

/** Frame → page. */
export const FrameMessage = z.discriminatedUnion('type', [
  z.object({ kind: z.literal('insightx-viz'), type: z.literal('ready') }),
  z.object({ kind: z.literal('insightx-viz'), type: z.literal('heartbeat') }),
  z.object({
    kind: z.literal('insightx-viz'),
    type: z.literal('rendered'),
    renderId: z.number().int().nonnegative(),
    declaredParams: ParamSpecs.optional(),
  }),
  z.object({
    kind: z.literal('insightx-viz'),
    type: z.literal('error'),
    renderId: z.number().int().nonnegative().nullable(),
    stage: z.enum(['validation', 'compile', 'render', 'runtime']),
    message: z.string().max(2000),
  }),
]);
export type FrameMessage = z.infer<typeof FrameMessage>;

/** Builds a render request, validating everything that will cross into the frame. Throws on bad input. */
export function createRenderRequest(renderId: number, code: string, data: unknown, params: unknown): RenderRequest {
  return RenderRequest.parse({ kind: 'insightx-viz-render', renderId, code, data, params });
}

/** Parses a message that claims to come from the frame; null for anything else. */
export function safeParseFrameMessage(message: unknown): FrameMessage | null {
  const parsed = FrameMessage.safeParse(message);
  return parsed.success ? parsed.data : null;
}

/** Turns column-ordered rows into the objects the chart takes, capped at {@link MAX_CHART_ROWS}. */
export function rowsToRecords(columns: readonly { name: string }[], rows: readonly (readonly CellValue[])[]): VizRow[] {
  return rows.slice(0, MAX_CHART_ROWS).map((row) => {
    const record: VizRow = {};
    columns.forEach((column, index) => {
      record[column.name] = row[index] ?? null;
    });
    return record;
  });
}

/** The default value of each declared parameter (a select without one takes its first option). */
export function paramDefaults(specs: ParamSpecs | undefined): VizParams {
  const defaults: VizParams = {};
  for (const [name, spec] of Object.entries(specs ?? {})) {
    defaults[name] = spec.type === 'select' ? (spec.default ?? spec.options[0]) : spec.default;
  }
  return defaults;
}
