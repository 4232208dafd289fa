import type { RunEvent } from '../../core/events.js';

/** One event in the SSE wire format of ARCHITECTURE §4: `event`, `data` (the whole event), `id` (its seq). */
export function formatSseEvent(event: RunEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\nid: ${event.seq}\n\n`;
}
