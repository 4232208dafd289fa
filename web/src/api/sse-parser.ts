/** One Server-Sent Events message: the `event`, `data` and `id` fields of one block. */
export interface SseMessage {
  event: string;
  data: string;
  /** The `id:` field, when the block had one (the run event's sequence number). */
  id?: string;
}

/**
 * An incremental parser for the `text/event-stream` format (WHATWG HTML §9.2).
 * Chunks may split lines anywhere, even inside a UTF-8 sequence, so it keeps a text decoder
 * in streaming mode and a line buffer between calls.
 */
export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  /** Feeds a chunk (bytes or text) and returns the messages it completed. */
  push(chunk: Uint8Array | string): SseMessage[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const messages: SseMessage[] = [];
    // A CR at the very end may be the first half of CRLF: keep it until the next chunk.
    let start = 0;
    for (;;) {
      const match = /\r\n|\r|\n/g;
      match.lastIndex = start;
      const found = match.exec(this.buffer);
      if (!found) break;
      if (found[0] === '\r' && found.index === this.buffer.length - 1) break;
      this.line(this.buffer.slice(start, found.index), messages);
      start = found.index + found[0].length;
    }
    this.buffer = this.buffer.slice(start);
    return messages;
  }

  private line(line: string, out: SseMessage[]): void {
    if (line === '') {
      if (this.data.length > 0) {
        out.push({ event: this.event || 'message', data: this.data.join('\n'), ...(this.id !== undefined ? { id: this.id } : {}) });
      }
      this.event = '';
      this.data = [];
      this.id = undefined;
      return;
    }
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}
