import type { ModelMessage, UserModelMessage } from 'ai';
import type { DataDna } from '../core/dna.js';
import type { StoredResult } from '../store/result-store.js';
import { toModelDna, type ModelDnaOptions } from '../tools/read-data-dna/model-dna.js';
import type { PriorTurn } from './orchestrator.js';

/**
 * How agents are talked to. The question is the first text part of the user message; the
 * context follows as separate parts, each under a `## heading` with a fenced block, a form
 * remote models read well and the embedded model parses back.
 */

/** Earlier turns as user/assistant pairs; the assistant side carries the SQL and the answer. */
export function historyMessages(history: PriorTurn[] | undefined): ModelMessage[] {
  const messages: ModelMessage[] = [];
  for (const turn of history ?? []) {
    messages.push({ role: 'user', content: turn.question });
    const parts = [turn.sql ? `\`\`\`sql\n${turn.sql}\n\`\`\`` : '', turn.answer ?? ''].filter((part) => part !== '');
    messages.push({ role: 'assistant', content: parts.join('\n\n') || '(no answer)' });
  }
  return messages;
}

export function questionMessage(question: string, blocks: string[] = []): UserModelMessage {
  return { role: 'user', content: [{ type: 'text', text: question }, ...blocks.map((text) => ({ type: 'text' as const, text }))] };
}

/** Tables of the DNA that a SQL statement names (word match), so context stays lean. */
export function tablesInSql(dna: DataDna, sql: string): string[] {
  const lower = sql.toLowerCase();
  return dna.tables.map((table) => table.name).filter((name) => new RegExp(`(^|[^a-z0-9_])"?${name.toLowerCase()}"?([^a-z0-9_]|$)`).test(lower));
}

/** The DNA as a `## Data DNA` block: whole, only some tables, or a selection of tables and columns. */
export function dnaBlock(dna: DataDna, selection?: string[] | ModelDnaOptions): string {
  const options = Array.isArray(selection) ? (selection.length > 0 ? { tables: selection } : {}) : (selection ?? {});
  return `## Data DNA\n\`\`\`json\n${JSON.stringify(toModelDna(dna, options))}\n\`\`\``;
}

export function sqlBlock(sql: string): string {
  return `## SQL\n\`\`\`sql\n${sql}\n\`\`\``;
}

/** The result as the model sees it: columns, counts and at most `maxRows` rows. */
export function resultBlock(result: StoredResult, maxRows: number): string {
  const shown = result.rows.slice(0, maxRows);
  const body = {
    resultId: result.id,
    columns: result.columns,
    rowCount: result.rowCount,
    truncated: result.truncated,
    rows: shown,
    ...(shown.length < result.rows.length ? { note: `first ${shown.length} of ${result.rowCount} rows shown` } : {}),
  };
  return `## Query result\n\`\`\`json\n${JSON.stringify(body)}\n\`\`\``;
}

export function notesBlock(notes: string[]): string {
  return `## Notes\n${notes.map((note) => `- ${note}`).join('\n')}`;
}
