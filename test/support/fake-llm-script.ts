import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the fake OpenAI and Anthropic servers share: the script format (what the "model" says on
 * each request), per-key failures, request recording and the HTTP plumbing. Tests only.
 */

/** How a key is refused, in the provider's own error shape. */
export type FakeKeyFailure = 'rate-limit' | 'quota' | 'unauthorized' | 'forbidden' | 'overloaded' | 'credit-balance' | 'drop-connection';

export interface FakeToolCall {
  name: string;
  /** A string is sent as is (so a test can send malformed JSON); an object is JSON-encoded. */
  arguments: string | Record<string, unknown>;
  id?: string;
}

/** One model answer. */
export interface FakeTurn {
  text?: string;
  toolCalls?: FakeToolCall[];
  /** Token counts to report; `null` reports none (the client must estimate). */
  usage?: { inputTokens: number; outputTokens: number } | null;
  /** Streaming only: the connection is destroyed after this many SSE events. */
  dropAfterEvents?: number;
  /** Streaming only: the body ends cleanly but before the provider's final events. */
  truncate?: boolean;
  /** Streaming only: a pause before each event, so a test can cancel mid-stream. */
  eventDelayMs?: number;
}

/** A request as a script sees it, whatever the wire protocol. */
export interface FakeModelRequest {
  api: 'chat' | 'responses' | 'anthropic';
  path: string;
  /** The key the client sent (Bearer token or x-api-key). */
  key: string | undefined;
  stream: boolean;
  model: string;
  system: string;
  /** Role and text of every message, in order. Tool results have role `tool`. */
  messages: Array<{ role: string; text: string }>;
  toolNames: string[];
  /** The raw JSON body. */
  body: Record<string, unknown>;
}

export type FakeScript = FakeTurn[] | ((request: FakeModelRequest, answered: number) => FakeTurn);

export interface FakeServerOptions {
  /** The model's answers: a list used in order, or a function of the request. Default: "ok". */
  script?: FakeScript;
  /** Keys that are refused, and how. */
  keyFailures?: Record<string, FakeKeyFailure> | ((key: string | undefined) => FakeKeyFailure | undefined);
  /** Sent as `retry-after` on 429/529 answers (seconds). */
  retryAfterSeconds?: number;
  /** Port on 127.0.0.1; default 0 (a free one). */
  port?: number;
}

export interface FakeServer {
  /** Base URL including `/v1`, ready for a provider's `baseURL`. */
  url: string;
  port: number;
  /** Every request that reached the server, refused ones included. */
  requests: FakeModelRequest[];
  close(): Promise<void>;
}

export interface ProtocolHandler {
  /** Which paths this protocol serves, e.g. `/v1/chat/completions`. */
  matches(path: string): FakeModelRequest['api'] | undefined;
  keyOf(request: IncomingMessage): string | undefined;
  normalise(api: FakeModelRequest['api'], body: Record<string, unknown>): Pick<FakeModelRequest, 'system' | 'messages' | 'toolNames' | 'model' | 'stream'>;
  refuse(response: ServerResponse, failure: Exclude<FakeKeyFailure, 'drop-connection'>, retryAfterSeconds: number | undefined): void;
  answer(response: ServerResponse, request: FakeModelRequest, turn: FakeTurn): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 at a free port speaking one protocol family. */
export async function startFakeServer(protocol: ProtocolHandler, options: FakeServerOptions): Promise<FakeServer> {
  const requests: FakeModelRequest[] = [];
  let answered = 0;
  const server: Server = createServer((incoming, response) => {
    void handle(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
    });
  });

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(incoming.url ?? '/', 'http://127.0.0.1').pathname;
    const api = incoming.method === 'POST' ? protocol.matches(path) : undefined;
    if (!api) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `Unknown path ${path}`, type: 'invalid_request_error' } }));
      return;
    }
    const body = JSON.parse(await readBody(incoming)) as Record<string, unknown>;
    const key = protocol.keyOf(incoming);
    const request: FakeModelRequest = { api, path, key, body, ...protocol.normalise(api, body) };
    requests.push(request);
    const failure = typeof options.keyFailures === 'function' ? options.keyFailures(key) : options.keyFailures?.[key ?? ''];
    if (failure === 'drop-connection') {
      incoming.socket.destroy();
      return;
    }
    if (failure) {
      protocol.refuse(response, failure, options.retryAfterSeconds);
      return;
    }
    const script = options.script ?? [];
    const turn = typeof script === 'function' ? script(request, answered) : (script[answered] ?? { text: 'ok' });
    answered += 1;
    await protocol.answer(response, request, turn);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes SSE events one by one; stops (and destroys the socket) at `dropAfterEvents`. */
export async function writeEvents(response: ServerResponse, events: Array<{ event?: string; data: string }>, turn: FakeTurn): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const [index, entry] of events.entries()) {
    if (turn.dropAfterEvents !== undefined && index >= turn.dropAfterEvents) {
      // Give the client the events so far, then cut the connection mid-body.
      await new Promise((resolve) => setTimeout(resolve, 20));
      response.socket?.destroy();
      return;
    }
    if (turn.eventDelayMs) await new Promise((resolve) => setTimeout(resolve, turn.eventDelayMs));
    if (response.destroyed) return;
    response.write(`${entry.event ? `event: ${entry.event}\n` : ''}data: ${entry.data}\n\n`);
  }
  response.end();
}

/** Splits a string into `parts` pieces, so tool arguments arrive across several deltas. */
export function splitIntoPieces(text: string, parts = 3): string[] {
  if (text.length <= parts) return [...text];
  const size = Math.ceil(text.length / parts);
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

export function argumentsText(call: FakeToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}

/** Usage to report: the turn's, or an estimate from the request and answer sizes. */
export function usageOf(request: FakeModelRequest, turn: FakeTurn): { inputTokens: number; outputTokens: number } | null {
  if (turn.usage === null) return null;
  if (turn.usage) return turn.usage;
  const output = (turn.text ?? '') + (turn.toolCalls ?? []).map(argumentsText).join('');
  return { inputTokens: Math.ceil(JSON.stringify(request.body).length / 4), outputTokens: Math.max(1, Math.ceil(output.length / 4)) };
}

/** The text inside a message's `content`, whatever its shape (string or parts). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? '' : JSON.stringify(content);
  return content
    .map((part: Record<string, unknown>) => {
      if (typeof part.text === 'string') return part.text;
      if (part.type === 'tool_result') return textOf(part.content);
      if (part.type === 'tool_use') return `${String(part.name)}(${JSON.stringify(part.input)})`;
      return '';
    })
    .join('\n');
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}
