import type { Cell } from '../../../src/core/query-result.js';

/*
 * The REST shapes the web reads (docs/api.md). Lists may come bare or wrapped
 * (`{threads: […]}`), and some resources use snake_case columns: the normalisers below
 * accept both, so the app keeps working while the API settles.
 */

export interface ThreadDto {
  id: string;
  title: string;
  datasource?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface MessageDto {
  id: string;
  threadId?: string;
  role: 'user' | 'assistant';
  content: string;
  runId?: string | null;
  details?: { route?: string | null; sql?: string | null; resultId?: string | null; status?: string; error?: { code: string; message: string } | null; [key: string]: unknown };
  createdAt?: string;
  feedback?: { rating: 'up' | 'down'; correction?: string | null } | null;
}

export interface DatasourceDto {
  name: string;
  kind?: string;
  /** "config" (from the configuration, everyone's) or "workspace" (registered here). */
  origin?: string;
  createdAt?: string | null;
  [key: string]: unknown;
}

export interface UsageRow {
  agent: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface ThreadTokensDto {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  rows: UsageRow[];
}

export interface ThreadDatabasesDto {
  datasources: { name: string; tables: string[] }[];
}

export interface TemplateDto {
  id: string;
  title: string;
  prompt: string;
  generatedSql: string | null;
  uiCode: string | null;
  parameters: Record<string, string | number | boolean>;
  dataSource: string | null;
  createdAt?: string;
}

/** The body of POST /api/templates, in the column names the issue specifies. */
export interface TemplateInput {
  title?: string;
  prompt: string;
  generated_sql: string | null;
  ui_code: string | null;
  parameters: Record<string, string | number | boolean>;
  data_source: string | null;
}

export interface FeedbackInput {
  rating: 'up' | 'down';
  correction?: string;
}

/** A result as the chart and the table need it. */
export interface ResultData {
  columns: { name: string; type: string }[];
  rows: Cell[][];
  rowCount: number;
  truncated: boolean;
}

/** Unwraps a list that may come bare or as `{ [key]: [...] }` / `{ items: [...] }`. */
export function asArray<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const candidate of [key, 'items', 'data']) if (Array.isArray(record[candidate])) return record[candidate] as T[];
  }
  return [];
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : Number(value) || 0);
const pick = (record: Record<string, unknown>, ...keys: string[]): unknown => keys.map((key) => record[key]).find((value) => value !== undefined);

export function normaliseThreadTokens(body: unknown): ThreadTokensDto {
  const record = (body ?? {}) as Record<string, unknown>;
  const list = asArray<Record<string, unknown>>(pick(record, 'byModel', 'byAgent', 'rows', 'usage', 'items') ?? [], 'rows');
  const rows = list.map((row) => ({
    agent: String(row.agent ?? ''),
    model: String(row.model ?? ''),
    inputTokens: num(pick(row, 'inputTokens', 'input_tokens')),
    outputTokens: num(pick(row, 'outputTokens', 'output_tokens')),
    costUsd: num(pick(row, 'costUsd', 'cost_usd', 'cost')),
  }));
  const totals = (pick(record, 'total', 'totals') ?? record) as Record<string, unknown>;
  const sum = (key: keyof UsageRow) => rows.reduce((total, row) => total + (row[key] as number), 0);
  return {
    inputTokens: num(pick(totals, 'inputTokens', 'input_tokens')) || sum('inputTokens'),
    outputTokens: num(pick(totals, 'outputTokens', 'output_tokens')) || sum('outputTokens'),
    costUsd: num(pick(totals, 'costUsd', 'cost_usd', 'cost')) || sum('costUsd'),
    rows,
  };
}

export function normaliseThreadDatabases(body: unknown): ThreadDatabasesDto {
  const list = asArray<unknown>(body, 'datasources');
  const fallback = list.length === 0 ? asArray<unknown>(body, 'databases') : list;
  return {
    datasources: fallback.map((entry) => {
      if (typeof entry === 'string') return { name: entry, tables: [] };
      const record = entry as Record<string, unknown>;
      const tables = Array.isArray(record.tables) ? record.tables.map((table) => (typeof table === 'string' ? table : String((table as { name?: unknown }).name ?? ''))) : [];
      return { name: String(pick(record, 'name', 'datasource', 'id') ?? ''), tables };
    }),
  };
}

export function normaliseTemplate(body: unknown): TemplateDto {
  const record = ((body as Record<string, unknown>)?.template ?? body ?? {}) as Record<string, unknown>;
  const parameters = pick(record, 'parameters', 'params');
  return {
    id: String(record.id ?? ''),
    title: String(pick(record, 'title', 'name') ?? ''),
    prompt: String(record.prompt ?? ''),
    generatedSql: (pick(record, 'generatedSql', 'generated_sql', 'sql') as string | null | undefined) ?? null,
    uiCode: (pick(record, 'uiCode', 'ui_code', 'code') as string | null | undefined) ?? null,
    parameters: parameters && typeof parameters === 'object' ? (parameters as TemplateDto['parameters']) : {},
    dataSource: (pick(record, 'dataSource', 'data_source', 'datasource') as string | null | undefined) ?? null,
    createdAt: pick(record, 'createdAt', 'created_at') as string | undefined,
  };
}

/** Reads `/api/data/:id?format=json` or a `/api/tools/sql` answer into columns and rows. */
export function normaliseResultData(body: unknown): ResultData {
  const record = (body ?? {}) as Record<string, unknown>;
  const inner = (record.result && typeof record.result === 'object' ? record.result : record) as Record<string, unknown>;
  const columns = Array.isArray(inner.columns)
    ? inner.columns.map((column) => (typeof column === 'string' ? { name: column, type: '' } : { name: String((column as { name: unknown }).name), type: String((column as { type?: unknown }).type ?? '') }))
    : [];
  const rawRows = Array.isArray(inner.rows) ? inner.rows : [];
  const rows = rawRows.map((row) => (Array.isArray(row) ? (row as Cell[]) : columns.map((column) => ((row as Record<string, Cell>)[column.name] ?? null))));
  return { columns, rows, rowCount: num(inner.rowCount ?? rows.length), truncated: Boolean(inner.truncated) };
}
