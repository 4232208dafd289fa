import { z } from 'zod';
import { DatasourceConfig } from '../../core/config.js';
import { RunEvent } from '../../core/events.js';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  body?: Record<string, unknown>;
  /** Success status and what it returns. */
  response: [status: number, description: string, contentType?: string];
  query?: string[];
}

const json = (shape: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties: shape, required });
const str = { type: 'string' };

const OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/health', summary: 'Server and store health (no token needed)', response: [200, 'Health'] },
  { method: 'get', path: '/api/threads', summary: 'List threads, most recent first', query: ['limit', 'offset'], response: [200, '{threads}'] },
  { method: 'post', path: '/api/threads', summary: 'Create a thread', body: json({ title: str, datasource: str }), response: [201, 'The thread'] },
  { method: 'get', path: '/api/threads/{id}', summary: 'Get a thread', response: [200, 'The thread'] },
  { method: 'patch', path: '/api/threads/{id}', summary: 'Rename a thread or change its datasource', body: json({ title: str, datasource: str }), response: [200, 'The thread'] },
  { method: 'delete', path: '/api/threads/{id}', summary: 'Delete a thread, its messages and runs', response: [204, 'Deleted'] },
  { method: 'get', path: '/api/threads/{id}/messages', summary: 'Messages of a thread in order', response: [200, '{messages}'] },
  {
    method: 'post',
    path: '/api/threads/{id}/messages',
    summary: 'Ask a question: stores it, starts a run and streams its events (SSE); with Accept: application/json answers 202 {runId, messageId, eventsUrl}',
    body: json({ content: str, datasource: str }, ['content']),
    response: [200, 'SSE stream of run events (202 JSON when Accept is application/json)', 'text/event-stream'],
  },
  { method: 'get', path: '/api/threads/{id}/tokens', summary: 'Token usage and cost by agent and model', response: [200, '{threadId, total, byModel}'] },
  { method: 'get', path: '/api/threads/{id}/databases', summary: 'Datasources and tables the thread used', response: [200, '{threadId, datasources}'] },
  { method: 'get', path: '/api/runs/{id}', summary: 'A run and its status', response: [200, 'The run'] },
  {
    method: 'get',
    path: '/api/runs/{id}/events',
    summary: 'SSE stream of a run: replays stored events after Last-Event-ID (or ?lastEventId=), then tails live ones until run-end',
    query: ['lastEventId'],
    response: [200, 'SSE: `event: <type>`, `data: <RunEvent JSON>`, `id: <seq>`', 'text/event-stream'],
  },
  { method: 'post', path: '/api/runs/{id}/cancel', summary: 'Cancel a running run', response: [202, '{runId, status}'] },
  { method: 'get', path: '/api/datasources', summary: 'Datasources of the workspace and the default', response: [200, '{default, datasources}'] },
  { method: 'post', path: '/api/datasources', summary: 'Register a file or a connection', body: z.toJSONSchema(DatasourceConfig, { io: 'input' }) as Record<string, unknown>, response: [201, 'The datasource'] },
  {
    method: 'post',
    path: '/api/datasources/upload',
    summary: 'Upload a CSV/TSV/Parquet/JSON file (raw body, application/octet-stream) and register it as a datasource',
    query: ['name', 'filename'],
    response: [201, 'The datasource'],
  },
  { method: 'delete', path: '/api/datasources/{id}', summary: "Remove a workspace's datasource (an upload's file goes with it)", response: [204, 'No content'] },
  { method: 'post', path: '/api/datasources/{id}/test', summary: 'Test the connection of a datasource: its table count and the account warnings (e.g. that it can write)', response: [200, '{name, ok, tables, warnings}'] },
  { method: 'get', path: '/api/datasources/{id}/dna', summary: 'Data DNA of a datasource with the saved synonyms merged in (cached; ?refresh=true re-profiles)', query: ['refresh'], response: [200, 'DataDna + savedSynonyms'] },
  { method: 'get', path: '/api/datasources/{id}/synonyms', summary: "A datasource's saved synonyms (the person's corrections)", response: [200, '{synonyms}'] },
  {
    method: 'post',
    path: '/api/datasources/{id}/synonyms',
    summary: 'Save a word as meaning a table, a column, or one value of a column (a filter definition)',
    body: json({ word: str, table: str, column: str, value: str }, ['word', 'table']),
    response: [201, '{synonym, meaning}'],
  },
  { method: 'delete', path: '/api/datasources/{id}/synonyms/{synonymId}', summary: 'Remove a saved synonym', response: [204, 'No content'] },
  { method: 'get', path: '/api/data/{resultId}', summary: 'The full result behind a data-ready event', query: ['format'], response: [200, 'json | csv | parquet'] },
  {
    method: 'post',
    path: '/api/tools/sql',
    summary: 'Run read-only SQL directly (same guard, limits and audit as the agents)',
    body: json({ sql: str, datasource: str, limit: { type: 'integer' } }, ['sql']),
    response: [200, '{resultId, url, columns, rowCount, truncated, truncatedReason?, elapsedMs, rows}'],
  },
  { method: 'get', path: '/api/templates', summary: 'List templates', response: [200, '{templates}'] },
  {
    method: 'post',
    path: '/api/templates',
    summary: 'Create a template',
    body: json({ title: str, prompt: str, generated_sql: str, ui_code: str, parameters: { type: 'object' }, data_source: str }, ['prompt']),
    response: [201, 'The template'],
  },
  { method: 'get', path: '/api/templates/{id}', summary: 'Get a template', response: [200, 'The template'] },
  { method: 'patch', path: '/api/templates/{id}', summary: 'Change fields of a template', body: json({ prompt: str }), response: [200, 'The template'] },
  { method: 'put', path: '/api/templates/{id}', summary: 'Same as PATCH', body: json({ prompt: str }), response: [200, 'The template'] },
  { method: 'delete', path: '/api/templates/{id}', summary: 'Delete a template', response: [204, 'Deleted'] },
  {
    method: 'post',
    path: '/api/messages/{id}/feedback',
    summary: 'Thumbs up/down on an answer, with optional corrected text',
    body: json({ rating: { type: 'string', enum: ['up', 'down'] }, correction: str }, ['rating']),
    response: [201, 'The feedback'],
  },
];

const ERROR = { $ref: '#/components/schemas/Error' };

/** The OpenAPI 3.1 description served at `/api/openapi.json` (docs/api.md is the prose). */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    const parameters = [
      ...[...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: str })),
      ...(operation.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: str })),
    ];
    const [status, description, contentType] = operation.response;
    paths[operation.path] ??= {};
    paths[operation.path][operation.method] = {
      summary: operation.summary,
      parameters,
      ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: operation.body } } } } : {}),
      responses: {
        [status]: { description, ...(contentType ? { content: { [contentType]: {} } } : {}) },
        default: { description: 'Error {code, message}', content: { 'application/json': { schema: ERROR } } },
      },
      ...(operation.path === '/api/health' ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'InsightX API', version, description: 'See docs/api.md. Errors are {code, message}; codes are listed in docs/errors.md.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'insightx token create; not needed in local mode on loopback' } },
      schemas: {
        Error: json({ code: str, message: str, details: { type: 'object' } }, ['code', 'message']),
        RunEvent: z.toJSONSchema(RunEvent, { io: 'output', unrepresentable: 'any' }),
      },
    },
  };
}
