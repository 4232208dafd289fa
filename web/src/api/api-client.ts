import { DataDna } from '../../../src/core/dna.js';
import { toApiError } from './api-error.js';
import { authHeaders, noticeAuthFailure } from './auth-token.js';
import type {
  DatasourceDto,
  FeedbackInput,
  MessageDto,
  TemplateDto,
  TemplateInput,
  ThreadDatabasesDto,
  ThreadDto,
  ThreadTokensDto,
} from './dto.js';
import { asArray, normaliseTemplate, normaliseThreadDatabases, normaliseThreadTokens } from './dto.js';

/** Where the API lives; the app is served by the same InsightX server, so relative by default. */
const BASE = '';

async function request<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { accept: 'application/json', ...authHeaders(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...init,
  });
  if (!response.ok) {
    noticeAuthFailure(response);
    throw await toApiError(response);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function withAuthNotice(response: Response): Response {
  noticeAuthFailure(response);
  return response;
}

/** The typed InsightX REST client (docs/api.md). One function per route; no state. */
export const api = {
  listThreads: async () => asArray<ThreadDto>(await request('GET', '/api/threads'), 'threads'),
  createThread: (input: { title?: string; datasource?: string | null } = {}) => request<ThreadDto>('POST', '/api/threads', input),
  renameThread: (id: string, title: string) => request<ThreadDto>('PATCH', `/api/threads/${encodeURIComponent(id)}`, { title }),
  deleteThread: (id: string) => request<void>('DELETE', `/api/threads/${encodeURIComponent(id)}`),
  listMessages: async (threadId: string) => asArray<MessageDto>(await request('GET', `/api/threads/${encodeURIComponent(threadId)}/messages`), 'messages'),
  getThreadTokens: async (threadId: string): Promise<ThreadTokensDto> =>
    normaliseThreadTokens(await request('GET', `/api/threads/${encodeURIComponent(threadId)}/tokens`)),
  getThreadDatabases: async (threadId: string): Promise<ThreadDatabasesDto> =>
    normaliseThreadDatabases(await request('GET', `/api/threads/${encodeURIComponent(threadId)}/databases`)),

  /** Starts a run; the response is its SSE stream (read it with `followRun`). */
  postMessage: (threadId: string, content: string, signal: AbortSignal, datasource?: string) =>
    fetch(`${BASE}/api/threads/${encodeURIComponent(threadId)}/messages`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify(datasource ? { content, datasource } : { content }),
      signal,
    }).then(withAuthNotice),
  /** A run's events after `lastSeq` (all of them for -1), then the live tail. */
  runEvents: (runId: string, lastSeq: number, signal: AbortSignal) =>
    fetch(`${BASE}/api/runs/${encodeURIComponent(runId)}/events`, {
      headers: { accept: 'text/event-stream', ...authHeaders(), ...(lastSeq >= 0 ? { 'last-event-id': String(lastSeq) } : {}) },
      signal,
    }).then(withAuthNotice),
  cancelRun: (runId: string) => request<unknown>('POST', `/api/runs/${encodeURIComponent(runId)}/cancel`),

  listDatasources: async () => asArray<DatasourceDto>(await request('GET', '/api/datasources'), 'datasources'),
  createDatasource: (input: unknown) => request<DatasourceDto>('POST', '/api/datasources', input),
  /** Registers an uploaded CSV/Parquet file as a datasource. */
  uploadDatasource: async (name: string, file: File): Promise<DatasourceDto> => {
    const response = await fetch(`${BASE}/api/datasources/upload?name=${encodeURIComponent(name)}&filename=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/octet-stream', ...authHeaders() },
      body: file,
    });
    if (response.status === 404) {
      throw new Error('This server does not accept file uploads. Put the file in its data directory and register it with “Connect → CSV/Parquet path”.');
    }
    if (!response.ok) {
      noticeAuthFailure(response);
      throw await toApiError(response);
    }
    return (await response.json()) as DatasourceDto;
  },
  getDna: async (datasource: string): Promise<DataDna> => {
    const body = await request<unknown>('GET', `/api/datasources/${encodeURIComponent(datasource)}/dna`);
    const candidate = body && typeof body === 'object' && 'dna' in body ? (body as { dna: unknown }).dna : body;
    return DataDna.parse(candidate);
  },

  dataUrl: (resultId: string, format: 'json' | 'csv' | 'parquet') => `${BASE}/api/data/${encodeURIComponent(resultId)}?format=${format}`,
  /** Downloads a result file with the token header (a plain link cannot send one). */
  downloadData: async (resultId: string, format: 'csv' | 'parquet'): Promise<void> => {
    const response = await fetch(api.dataUrl(resultId, format), { headers: authHeaders() });
    if (!response.ok) {
      noticeAuthFailure(response);
      throw await toApiError(response);
    }
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: `${resultId}.${format}` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  getData: (resultId: string) => request<unknown>('GET', `/api/data/${encodeURIComponent(resultId)}?format=json`),
  runSql: (sql: string, datasource: string | null) => request<unknown>('POST', '/api/tools/sql', datasource ? { sql, datasource } : { sql }),

  listTemplates: async () => asArray<unknown>(await request('GET', '/api/templates'), 'templates').map(normaliseTemplate),
  createTemplate: async (input: TemplateInput): Promise<TemplateDto> => normaliseTemplate(await request('POST', '/api/templates', input)),
  deleteTemplate: (id: string) => request<void>('DELETE', `/api/templates/${encodeURIComponent(id)}`),

  sendFeedback: (messageId: string, input: FeedbackInput) => request<unknown>('POST', `/api/messages/${encodeURIComponent(messageId)}/feedback`, input),
};
