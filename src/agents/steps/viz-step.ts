import { AppError, toAppError } from '../../core/app-error.js';
import { CodeBlockStream } from '../code-block-stream.js';
import { dnaBlock, questionMessage, resultBlock, sqlBlock, tablesInSql } from '../conversation.js';
import type { RunState } from '../run-state.js';
import { streamAgent } from '../stream-agent.js';

/** Rows the viz agent sees: the shape matters to it, not every value. */
const VIZ_ROWS = 30;

const CHART_TYPES = ['number', 'kpi', 'bar', 'line', 'area', 'pie', 'scatter', 'histogram', 'table'] as const;

/** The chart type the agent named (`Chart: bar`), else the one its Recharts code draws. */
function chartType(prose: string, code: string): string {
  const named = /chart\s*:\s*([a-z]+)/i.exec(prose)?.[1]?.toLowerCase();
  if (named && (CHART_TYPES as readonly string[]).includes(named)) return named;
  const drawn = /<(Bar|Line|Area|Pie|Scatter)Chart\b/.exec(code)?.[1];
  return drawn ? drawn.toLowerCase() : 'table';
}

/**
 * The viz agent: writes the `Viz` React component for the result, streamed as `code-delta`
 * (language tsx) and closed by `code-end`. A chart is an extra: when the agent fails, the
 * run goes on without one and says why in a `thought-delta`; a cancellation still stops it.
 */
export async function vizStep(state: RunState): Promise<void> {
  state.stage = 'viz';
  const { result, sql, dna } = state;
  if (!result || !sql || !dna) return;
  const code = new CodeBlockStream();
  try {
    await streamAgent(state, 'viz', {
      messages: [questionMessage(state.request.question, [sqlBlock(sql), resultBlock(result, VIZ_ROWS), dnaBlock(dna, tablesInSql(dna, sql))])],
      onText: async (delta) => {
        const released = code.push(delta);
        if (released) await state.emit({ type: 'code-delta', language: 'tsx', delta: released });
      },
      onEnd: async () => {
        const tail = code.end();
        if (tail) await state.emit({ type: 'code-delta', language: 'tsx', delta: tail });
        if (!code.fullCode.trim()) throw new AppError('AGENT_OUTPUT_INVALID', 'The viz agent wrote no code block.');
        await state.emit({ type: 'code-end', language: 'tsx', code: code.fullCode });
      },
    });
    state.chart = { type: chartType(code.fullProse, code.fullCode), code: code.fullCode };
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'RUN_CANCELLED' || state.signal?.aborted) throw error;
    await state.emit({ type: 'thought-delta', agent: 'viz', delta: `No chart: ${appError.message}` });
  }
}
