import { describe, expect, it, vi } from 'vitest';
import type { RunEventPayload } from '../../../src/core/events.js';
import { reduceRun, initialRunView, type SequencedEvent } from '../state/run-reducer.js';
import { followRun } from './follow-run.js';

const payloads: RunEventPayload[] = [
  { type: 'run-start', runId: 'run_1', threadId: 'thr_1', question: 'q', datasource: 'sample' },
  { type: 'agent-start', agent: 'composer', model: 'local' },
  { type: 'text-delta', delta: 'one ' },
  { type: 'text-delta', delta: 'two ' },
  { type: 'text-delta', delta: 'three' },
  { type: 'run-end', status: 'completed', route: 'ANSWER' },
];

function sse(fromSeq: number, toSeq: number): string {
  return payloads
    .slice(fromSeq, toSeq)
    .map((payload, index) => `event: ${payload.type}\nid: ${fromSeq + index}\ndata: ${JSON.stringify(payload)}\n\n`)
    .join('');
}

function streamResponse(text: string, chunkSize = 17): Response {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe('followRun', () => {
  it('resumes a dropped stream from the last event id and ends with no duplicated or missing output', async () => {
    const resume = vi.fn(async (_runId: string, lastSeq: number) => streamResponse(sse(Math.max(0, lastSeq - 1), payloads.length)));
    let view = initialRunView;
    const seen: number[] = [];
    await followRun({
      open: async () => streamResponse(sse(0, 4)), // drops after the second text delta
      resume,
      onEvent: (event: SequencedEvent) => {
        seen.push(event.seq);
        view = reduceRun(view, event);
      },
      signal: new AbortController().signal,
      delay: async () => undefined,
    });
    expect(resume).toHaveBeenCalledTimes(1);
    expect(resume.mock.calls[0].slice(0, 2)).toEqual(['run_1', 3]);
    expect(view.text).toBe('one two three');
    expect(view.status).toBe('completed');
    expect(seen).toEqual([0, 1, 2, 3, 2, 3, 4, 5]); // the overlap arrives, the reducer ignores it
  });

  it('reports an HTTP error before the run started instead of retrying', async () => {
    const open = async () => new Response(JSON.stringify({ code: 'THREAD_NOT_FOUND', message: 'no such thread' }), { status: 404 });
    await expect(
      followRun({ open, resume: vi.fn(), onEvent: () => undefined, signal: new AbortController().signal, delay: async () => undefined }),
    ).rejects.toMatchObject({ code: 'THREAD_NOT_FOUND', status: 404 });
  });
});
