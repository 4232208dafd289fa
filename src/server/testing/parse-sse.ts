import { RunEvent } from '../../core/events.js';

export interface SseMessage {
  event: string;
  id: string | undefined;
  data: RunEvent;
}

/** Parses an SSE body into its events (comments skipped), validating each with `RunEvent`. */
export function parseSse(body: string): SseMessage[] {
  return body
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => line !== '' && !line.startsWith(':')))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      return { event: field('event') ?? 'message', id: field('id'), data: RunEvent.parse(JSON.parse(field('data') ?? 'null')) };
    });
}
