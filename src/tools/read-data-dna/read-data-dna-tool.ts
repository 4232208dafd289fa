import { tool } from 'ai';
import { z } from 'zod';
import type { DataDna } from '../../core/dna.js';
import { runReported, type ToolReportContext } from '../tool-reporter.js';
import { selectDnaForQuestion } from './select-dna-for-question.js';
import { toModelDna } from './model-dna.js';

export const READ_DATA_DNA = 'read_data_dna';

export interface ReadDataDnaToolDeps extends ToolReportContext {
  /** The datasource's profile (cached by the caller). */
  getDna: () => Promise<DataDna>;
  /** The question of the run: large schemas are pruned to what it mentions. */
  question: string;
}

const ReadDataDnaInput = z.object({
  tables: z.array(z.string()).optional().describe('Only these tables; omit to get the tables that matter for the question.'),
});

/**
 * `read_data_dna`: the Data DNA of the datasource (tables, columns with types, roles, top
 * values, ranges, derived metrics and their baselines) as compact JSON.
 */
export function createReadDataDnaTool(deps: ReadDataDnaToolDeps) {
  return tool({
    description:
      'Read the Data DNA of the datasource: every table with its row count; every column with type, role, ' +
      'top values, ranges and time grain; derived metrics (e.g. failure rate) with their overall baselines. ' +
      'Call it before writing SQL.',
    inputSchema: ReadDataDnaInput,
    execute: async (input, { toolCallId }) =>
      runReported(
        deps,
        { toolName: READ_DATA_DNA, toolCallId, input },
        async () => {
          const dna = await deps.getDna();
          const selection = input.tables?.length ? { tables: input.tables } : selectDnaForQuestion(dna, deps.question);
          return toModelDna(dna, selection);
        },
        (output) => {
          const tables = output.tables as { columns: unknown[] }[];
          const columns = tables.reduce((sum, table) => sum + table.columns.length, 0);
          return `${tables.length} table${tables.length === 1 ? '' : 's'}, ${columns} columns`;
        },
      ),
  });
}
