import http from 'node:http';
import { RunEvent } from '../../core/events.js';

export interface SseRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  /** Called per event; return `'drop'` to destroy the connection right there (a client going away). */
  onEvent?: (event: RunEvent) => void | 'drop';
}

export interface SseResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: RunEvent[];
  /** True when the client dropped the connection before the stream ended. */
  dropped: boolean;
}

/**
 * A minimal SSE client over node:http (tests and the load benchmark): parses `event/data/id`
 * blocks as they arrive, validates each event with `RunEvent`, can drop the connection
 * mid-stream. Non-SSE answers are returned with no events.
 */
export function requestSse(request: SseRequest): Promise<SseResponse> {
  return new Promise((resolve, reject) => {
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const outgoing = http.request(
      request.url,
      {
        method: request.method ?? 'GET',
        agent: false,
        headers: {
          accept: 'text/event-stream',
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...request.headers,
        },
      },
      (response) => {
        const events: RunEvent[] = [];
        let buffer = '';
        let dropped = false;
        const done = () => resolve({ status: response.statusCode ?? 0, headers: response.headers, events, dropped });
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (dropped) return;
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (!data) continue;
            const event = RunEvent.parse(JSON.parse(data.slice(6)));
            events.push(event);
            if (request.onEvent?.(event) === 'drop') {
              dropped = true;
              response.destroy();
              outgoing.destroy();
              done();
              return;
            }
          }
        });
        response.on('end', done);
        response.on('error', (error) => (dropped ? undefined : reject(error)));
      },
    );
    outgoing.on('error', (error) => reject(error));
    outgoing.end(payload);
  });
}
