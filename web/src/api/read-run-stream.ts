import { RunEventPayload } from '../../../src/core/events.js';
import type { SequencedEvent } from '../state/run-reducer.js';
import { SseParser, type SseMessage } from './sse-parser.js';

/** Parses one SSE message of a run stream into a sequenced event; null for anything else (keep-alives, unknown events). */
export function parseRunEventMessage(message: SseMessage): SequencedEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  // The payload may or may not repeat its type and seq; the SSE fields are authoritative.
  const type = typeof record.type === 'string' ? record.type : message.event;
  const payload = RunEventPayload.safeParse({ ...record, type });
  if (!payload.success) return null;
  const seq = message.id !== undefined && message.id !== '' ? Number(message.id) : Number(record.seq);
  if (!Number.isInteger(seq)) return null;
  return { ...payload.data, seq };
}

/**
 * Reads a run's SSE response body to its end, calling `onEvent` for every run event.
 * Resolves with whether `run-end` was seen: false means the connection dropped mid-run.
 */
export async function readRunStream(body: ReadableStream<Uint8Array>, onEvent: (event: SequencedEvent) => void, signal?: AbortSignal): Promise<boolean> {
  const reader = body.getReader();
  const parser = new SseParser();
  const abort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', abort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      for (const message of parser.push(value)) {
        const event = parseRunEventMessage(message);
        if (!event) continue;
        onEvent(event);
        if (event.type === 'run-end') {
          abort();
          return true;
        }
      }
    }
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}
