import { DataDna } from '../../../src/core/dna.js';
import type { Synonym, SynonymInput } from '../../../src/core/synonym.js';
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
  /** Tests a datasource configuration before registering it (nothing is saved). */
  testDatasource: (input: unknown) => request<{ name: string; ok: true; tables: number; warnings: string[] }>('POST', '/api/datasources/test', input),
  /**
   * Uploads a CSV/Parquet file as the raw body of `POST /api/datasources/upload` and registers it
   * as a datasource (201 with its summary). XMLHttpRequest rather than fetch: only it reports
   * upload progress, which `onProgress` receives as a fraction 0..1.
   */
  uploadDatasource: (name: string, file: File, onProgress?: (fraction: number) => void): Promise<DatasourceDto> =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${BASE}/api/datasources/upload?name=${encodeURIComponent(name)}&filename=${encodeURIComponent(file.name)}`);
      const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/octet-stream', ...authHeaders() };
      for (const [header, value] of Object.entries(headers)) xhr.setRequestHeader(header, value);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
      };
      xhr.onerror = () => reject(new Error(`Uploading ${file.name} failed: the server could not be reached.`));
      xhr.onabort = () => reject(new Error(`Uploading ${file.name} was cancelled.`));
      xhr.onload = () => {
        const response = new Response(xhr.responseText || null, { status: xhr.status, statusText: xhr.statusText, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' } });
        if (response.ok) return resolve(JSON.parse(xhr.responseText) as DatasourceDto);
        noticeAuthFailure(response);
        // The route exists unless the server was started without an upload folder.
        if (xhr.status === 404) return reject(new Error('This server has file uploads turned off. Register the file with “Connect → CSV/Parquet path” instead.'));
        void toApiError(response).then(reject, reject);
      };
      xhr.send(file);
    }),
  getDna: async (datasource: string): Promise<DataDna> => {
    const body = await request<unknown>('GET', `/api/datasources/${encodeURIComponent(datasource)}/dna`);
    const candidate = body && typeof body === 'object' && 'dna' in body ? (body as { dna: unknown }).dna : body;
    return DataDna.parse(candidate);
  },

  /** A datasource's saved synonyms (the person's corrections). */
  listSynonyms: async (datasource: string): Promise<Synonym[]> =>
    asArray<Synonym>(await request('GET', `/api/datasources/${encodeURIComponent(datasource)}/synonyms`), 'synonyms'),
  saveSynonym: async (datasource: string, input: SynonymInput): Promise<Synonym> =>
    (await request<{ synonym: Synonym }>('POST', `/api/datasources/${encodeURIComponent(datasource)}/synonyms`, input)).synonym,
  deleteSynonym: async (datasource: string, id: string): Promise<void> =>
    request('DELETE', `/api/datasources/${encodeURIComponent(datasource)}/synonyms/${encodeURIComponent(id)}`),

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
